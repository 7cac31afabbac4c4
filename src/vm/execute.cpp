// The interpreter: per block, set up register pointers, then one switch per instruction, each
// case a lane loop over simple arithmetic that g++ vectorises (-O3, -ffp-contract=off).
#include "vm/execute.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace weft::vm {

namespace {

template <class T> struct State {
  T* scalars;
  const T** pointers; ///< every vector operand: scratch registers, then input slots
  T* vectors;         ///< scratch registers, `block` lanes each
  std::size_t block;
  T* vec(std::uint32_t r) const { return vectors + static_cast<std::size_t>(r) * block; }
};

template <class T> T nan_value() {
  return std::numeric_limits<T>::quiet_NaN();
}

template <class T> bool truth(T v) {
  return (v != T(0)) & (v == v);
}

template <class T> T floored_mod(T a, T b) {
  return b == T(0) ? nan_value<T>() : a - b * std::floor(a / b);
}

template <class T> T min_of(T a, T b) {
  if (a != a || b != b) return nan_value<T>();
  if (a == b) return std::signbit(a) ? a : b;
  return a < b ? a : b;
}

template <class T> T max_of(T a, T b) {
  if (a != a || b != b) return nan_value<T>();
  if (a == b) return std::signbit(a) ? b : a;
  return a > b ? a : b;
}

template <class T, class F>
void unary(const Instruction& ins, const State<T>& st, std::size_t n, F f) {
  const Operand a = ins.a[0];
  if (!ins.dst.vector) {
    st.scalars[ins.dst.index] = f(st.scalars[a.index]);
    return;
  }
  T* d = st.vec(ins.dst.index);
  if (a.vector) {
    const T* x = st.pointers[a.index];
    for (std::size_t i = 0; i < n; ++i) d[i] = f(x[i]);
  } else {
    const T v = f(st.scalars[a.index]);
    for (std::size_t i = 0; i < n; ++i) d[i] = v;
  }
}

template <class T, class F>
void binary(const Instruction& ins, const State<T>& st, std::size_t n, F f) {
  const Operand a = ins.a[0];
  const Operand b = ins.a[1];
  if (!ins.dst.vector) {
    st.scalars[ins.dst.index] = f(st.scalars[a.index], st.scalars[b.index]);
    return;
  }
  T* d = st.vec(ins.dst.index);
  if (a.vector && b.vector) {
    const T* x = st.pointers[a.index];
    const T* y = st.pointers[b.index];
    for (std::size_t i = 0; i < n; ++i) d[i] = f(x[i], y[i]);
  } else if (a.vector) {
    const T* x = st.pointers[a.index];
    const T y = st.scalars[b.index];
    for (std::size_t i = 0; i < n; ++i) d[i] = f(x[i], y);
  } else if (b.vector) {
    const T x = st.scalars[a.index];
    const T* y = st.pointers[b.index];
    for (std::size_t i = 0; i < n; ++i) d[i] = f(x, y[i]);
  } else {
    const T v = f(st.scalars[a.index], st.scalars[b.index]);
    for (std::size_t i = 0; i < n; ++i) d[i] = v;
  }
}

/// Three operands; scalar ones are read through a stride of 0.
template <class T, class F>
void ternary(const Instruction& ins, const State<T>& st, std::size_t n, F f) {
  if (!ins.dst.vector) {
    st.scalars[ins.dst.index] =
        f(st.scalars[ins.a[0].index], st.scalars[ins.a[1].index], st.scalars[ins.a[2].index]);
    return;
  }
  T* d = st.vec(ins.dst.index);
  const T* p[3];
  std::size_t s[3];
  for (int k = 0; k < 3; ++k) {
    p[k] = ins.a[k].vector ? st.pointers[ins.a[k].index] : &st.scalars[ins.a[k].index];
    s[k] = ins.a[k].vector ? 1 : 0;
  }
  if (s[0] && s[1] && s[2]) {
    for (std::size_t i = 0; i < n; ++i) d[i] = f(p[0][i], p[1][i], p[2][i]);
  } else {
    const T c[3] = {*p[0], *p[1], *p[2]}; // the scalar operands, read once
    for (std::size_t i = 0; i < n; ++i) {
      d[i] = f(s[0] ? p[0][i] : c[0], s[1] ? p[1][i] : c[1], s[2] ? p[2][i] : c[2]);
    }
  }
}

template <class T>
void call(const Program& prog, const Instruction& ins, const State<T>& st, std::size_t n) {
  double args[32];
  const Operand* ops = prog.call_args.data() + ins.first_arg;
  const std::uint32_t count = ins.arg_count;
  const std::span<const double> span(args, count);
  const ir::FoldFn fold = ins.builtin->fold;
  if (!ins.dst.vector) {
    for (std::uint32_t k = 0; k < count; ++k) args[k] = st.scalars[ops[k].index];
    st.scalars[ins.dst.index] = static_cast<T>(fold(span));
    return;
  }
  for (std::uint32_t k = 0; k < count; ++k) {
    if (!ops[k].vector) args[k] = st.scalars[ops[k].index];
  }
  T* d = st.vec(ins.dst.index);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::uint32_t k = 0; k < count; ++k) {
      if (ops[k].vector) args[k] = st.pointers[ops[k].index][i];
    }
    d[i] = static_cast<T>(fold(span));
  }
}

template <class T>
void move(const Operand& dst, const Operand& src, const State<T>& st, std::size_t n) {
  if (!dst.vector) {
    st.scalars[dst.index] = st.scalars[src.index];
  } else if (src.vector) {
    T* d = st.vec(dst.index);
    const T* x = st.pointers[src.index];
    if (d != x) std::memmove(d, x, n * sizeof(T));
  } else {
    std::fill_n(st.vec(dst.index), n, st.scalars[src.index]);
  }
}

} // namespace

template <class T>
void run(const Program& prog, const Inputs<T>& inputs, const Outputs<T>& outputs, std::size_t lanes,
         Workspace<T>& ws, Stats* stats) {
  const std::size_t block = prog.block;
  ws.vectors.resize(static_cast<std::size_t>(prog.vector_registers) * block);
  ws.scalars.resize(prog.scalar_registers);
  ws.pointers.resize(prog.vector_registers + prog.vector_inputs);
  ws.loops.resize(2 * static_cast<std::size_t>(prog.loop_count));
  for (std::uint32_t r = 0; r < prog.vector_registers; ++r) {
    ws.pointers[r] = ws.vectors.data() + static_cast<std::size_t>(r) * block;
  }
  State<T> st{ws.scalars.data(), ws.pointers.data(), ws.vectors.data(), block};
  std::vector<T> step(prog.loop_count);
  Stats local;

  for (std::size_t offset = 0; offset < lanes; offset += block) {
    const std::size_t n = std::min(block, lanes - offset);
    ++local.blocks;
    // Constants and uniform inputs are rewritten every block: registers are reused.
    for (auto [r, v] : prog.constants) ws.scalars[r] = static_cast<T>(v);
    for (const Input& in : prog.inputs) {
      const T* lanes_of = nullptr;
      switch (in.kind) {
      case InputKind::Coord:
        if (!in.reg.vector) {
          ws.scalars[in.reg.index] = inputs.coords[in.field];
          continue;
        }
        lanes_of = inputs.coord_lanes[in.field];
        break;
      case InputKind::Mouse:
        ws.scalars[in.reg.index] = inputs.mouse[in.field];
        continue;
      case InputKind::External:
        lanes_of = inputs.externals[in.external];
        break;
      }
      ws.pointers[in.reg.index] = lanes_of + offset;
    }

    const std::size_t size = prog.code.size();
    for (std::size_t pc = 0; pc < size; ++pc) {
      const Instruction& ins = prog.code[pc];
      if (ins.dst.vector) {
        ++local.vector_instructions;
      } else {
        ++local.scalar_instructions;
      }
      switch (ins.op) {
      case Opcode::Move:
        move(ins.dst, ins.a[0], st, n);
        break;
      case Opcode::Neg:
        unary(ins, st, n, [](T a) { return -a; });
        break;
      case Opcode::Not:
        unary(ins, st, n, [](T a) { return truth(a) ? T(0) : T(1); });
        break;
      case Opcode::Add:
        binary(ins, st, n, [](T a, T b) { return a + b; });
        break;
      case Opcode::Sub:
        binary(ins, st, n, [](T a, T b) { return a - b; });
        break;
      case Opcode::Mul:
        binary(ins, st, n, [](T a, T b) { return a * b; });
        break;
      case Opcode::Div:
        binary(ins, st, n, [](T a, T b) { return a / b; });
        break;
      case Opcode::Mod:
        binary(ins, st, n, [](T a, T b) { return floored_mod(a, b); });
        break;
      case Opcode::Equal:
        binary(ins, st, n, [](T a, T b) { return a == b ? T(1) : T(0); });
        break;
      case Opcode::NotEqual:
        binary(ins, st, n, [](T a, T b) { return a != b ? T(1) : T(0); });
        break;
      case Opcode::Less:
        binary(ins, st, n, [](T a, T b) { return a < b ? T(1) : T(0); });
        break;
      case Opcode::Greater:
        binary(ins, st, n, [](T a, T b) { return a > b ? T(1) : T(0); });
        break;
      case Opcode::LessEqual:
        binary(ins, st, n, [](T a, T b) { return a <= b ? T(1) : T(0); });
        break;
      case Opcode::GreaterEqual:
        binary(ins, st, n, [](T a, T b) { return a >= b ? T(1) : T(0); });
        break;
      case Opcode::And:
        binary(ins, st, n, [](T a, T b) { return truth(a) & truth(b) ? T(1) : T(0); });
        break;
      case Opcode::Or:
        binary(ins, st, n, [](T a, T b) { return truth(a) | truth(b) ? T(1) : T(0); });
        break;
      case Opcode::Select:
        ternary(ins, st, n, [](T c, T a, T b) { return truth(c) ? a : b; });
        break;
      case Opcode::Abs:
        unary(ins, st, n, [](T a) { return std::fabs(a); });
        break;
      case Opcode::Floor:
        unary(ins, st, n, [](T a) { return std::floor(a); });
        break;
      case Opcode::Ceil:
        unary(ins, st, n, [](T a) { return std::ceil(a); });
        break;
      case Opcode::Sqrt:
        unary(ins, st, n, [](T a) { return std::sqrt(a); });
        break;
      case Opcode::Fract:
        unary(ins, st, n, [](T a) { return a - std::floor(a); });
        break;
      case Opcode::Sin:
        unary(ins, st, n, [](T a) { return static_cast<T>(std::sin(static_cast<double>(a))); });
        break;
      case Opcode::Cos:
        unary(ins, st, n, [](T a) { return static_cast<T>(std::cos(static_cast<double>(a))); });
        break;
      case Opcode::Min:
        binary(ins, st, n, [](T a, T b) { return min_of(a, b); });
        break;
      case Opcode::Max:
        binary(ins, st, n, [](T a, T b) { return max_of(a, b); });
        break;
      case Opcode::Step:
        binary(ins, st, n, [](T e, T x) {
          return (e != e || x != x) ? nan_value<T>() : (x < e ? T(0) : T(1));
        });
        break;
      case Opcode::Mix:
        ternary(ins, st, n, [](T a, T b, T t) {
          const double da = a;
          return static_cast<T>(da + (static_cast<double>(b) - da) * static_cast<double>(t));
        });
        break;
      case Opcode::Call:
        call(prog, ins, st, n);
        break;
      case Opcode::LoopBegin: {
        auto bound = [](T v) {
          const double d = static_cast<double>(v);
          return std::isfinite(d) ? std::floor(d) : 0.0;
        };
        const double from = bound(ws.scalars[ins.a[0].index]);
        const double to = bound(ws.scalars[ins.a[1].index]);
        const double trips = std::min(std::fabs(to - from) + 1, double{kMaxLoopTrips});
        ws.scalars[ins.dst.index] = static_cast<T>(from);
        ws.loops[ins.first_arg] = static_cast<std::uint32_t>(trips);
        step[ins.first_arg] = from <= to ? T(1) : T(-1);
        break;
      }
      case Opcode::LoopEnd: {
        const Operand* next = prog.call_args.data() + ins.first_arg;
        const Operand* carried = next + ins.arg_count;
        for (std::uint32_t k = 0; k < ins.arg_count; ++k) move(carried[k], next[k], st, n);
        const Instruction& begin = prog.code[ins.aux];
        if (--ws.loops[begin.first_arg] > 0) {
          ws.scalars[ins.dst.index] += step[begin.first_arg];
          pc = ins.aux; // continues after LoopBegin
        }
        break;
      }
      }
    }

    for (std::size_t k = 0; k < prog.outputs.size(); ++k) {
      const Operand o = prog.outputs[k];
      T* out = outputs.lanes[k] + offset;
      if (o.vector) {
        std::memcpy(out, ws.pointers[o.index], n * sizeof(T));
      } else {
        std::fill_n(out, n, ws.scalars[o.index]);
      }
    }
  }
  if (stats) {
    stats->scalar_instructions += local.scalar_instructions;
    stats->vector_instructions += local.vector_instructions;
    stats->blocks += local.blocks;
  }
}

template void run<float>(const Program&, const Inputs<float>&, const Outputs<float>&, std::size_t,
                         Workspace<float>&, Stats*);
template void run<double>(const Program&, const Inputs<double>&, const Outputs<double>&,
                          std::size_t, Workspace<double>&, Stats*);

} // namespace weft::vm
