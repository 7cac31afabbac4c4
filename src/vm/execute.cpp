// The interpreter: the frame-uniform prologue once, then per block, set up register pointers and
// run one switch per instruction, each case a lane loop over simple arithmetic that g++
// vectorises (-O3, -ffp-contract=off), or over a binary64 reference function (fused builtins).
#include "vm/execute.h"

#include "ir/builtins/math.h"
#include "ir/builtins/noise.h"
#include "patterns/pat_value.h"
#include "vm/float_math.h"
#include "vm/noise_lanes.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

namespace weft::vm {

namespace {

template <class T> struct State {
  T* scalars;
  std::uint64_t* expensive_lanes;
  const T** pointers; ///< every vector operand: scratch registers, then input slots
  T* vectors;         ///< scratch registers, `block` lanes each
  std::size_t block;
  const Inputs<T>* inputs = nullptr;
  std::size_t offset = 0; ///< the current block's first lane within the `run` call
  T* vec(std::uint32_t r) const { return vectors + static_cast<std::size_t>(r) * block; }
};

template <class T> T nan_value() {
  return std::numeric_limits<T>::quiet_NaN();
}

template <class T> bool truth(T v) {
  return (v != T(0)) & (v == v);
}

/// Whether lane `i` of a masked instruction is computed.
template <class T> bool selected(const Instruction& ins, const State<T>& st, std::size_t i) {
  return truth(st.pointers[ins.mask.index][i]) == (ins.masked == 1);
}

/// A masked instruction's lane loop: `f(i)` for the selected lanes only; counts them.
template <class T, class F>
void masked_lanes(const Instruction& ins, const State<T>& st, std::size_t n, F f) {
  T* d = st.vec(ins.dst.index);
  std::uint64_t count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (selected(ins, st, i)) {
      d[i] = f(i);
      ++count;
    }
  }
  *st.expensive_lanes += count;
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
  if (ins.masked != 0) {
    const T* x = a.vector ? st.pointers[a.index] : &st.scalars[a.index];
    const std::size_t sa = a.vector ? 1 : 0;
    masked_lanes(ins, st, n, [&](std::size_t i) { return f(x[i * sa]); });
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
  if (ins.masked != 0) {
    const T* x = a.vector ? st.pointers[a.index] : &st.scalars[a.index];
    const T* y = b.vector ? st.pointers[b.index] : &st.scalars[b.index];
    const std::size_t sa = a.vector ? 1 : 0, sb = b.vector ? 1 : 0;
    masked_lanes(ins, st, n, [&](std::size_t i) { return f(x[i * sa], y[i * sb]); });
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
  if (ins.masked != 0) {
    masked_lanes(ins, st, n,
                 [&](std::size_t i) { return f(p[0][i * s[0]], p[1][i * s[1]], p[2][i * s[2]]); });
    return;
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

/// HistoryRead: always a vector (the newest visible sample may differ per lane); the time
/// operand is widened to binary64, the value rounded to the lane type.
/// floor(c) of an exact position.
std::int64_t floor_cycle(const exact::Rational& c) noexcept {
  const std::int64_t q = c.num / c.den;
  return (c.num % c.den != 0 && c.num < 0) ? q - 1 : q;
}

/// PatternRead: `pat` at each lane's cycle position (once for a scalar). Each read keeps the
/// events of the last cycle it queried: consecutive lanes (samples, pixels) mostly share one.
template <class T>
void pattern_read(const Program& prog, const Instruction& ins, const State<T>& st, std::size_t n,
                  Workspace<T>& ws) {
  const PatternRead& r = prog.pattern_reads[ins.aux];
  const Inputs<T>& in = *st.inputs;
  const bool gate = ins.first_arg == 1;
  const bool clocked = r.clocked && in.clock_rate > 0;
  const std::optional<exact::Rational> rate =
      clocked ? exact::rational_from_double(in.clock_rate) : std::nullopt;
  const auto first = static_cast<std::int64_t>(st.offset);
  typename Workspace<T>::CachedCycle& cached = ws.pattern_cycles[ins.aux];
  const std::span<patterns::Event> slice =
      std::span(ws.pattern_events).subspan(r.first_event, r.events);
  // The events of `cycle`, queried when the lanes enter it; empty when the query failed.
  auto events_of = [&](std::int64_t cycle) -> std::span<const patterns::Event> {
    if (!cached.valid || cached.cycle != cycle) {
      patterns::EventBuffer found(slice);
      cached.ok = patterns::query_cycle(*r.pattern, cycle, found) == patterns::QueryStatus::kOk;
      cached.count = found.size();
      cached.cycle = cycle;
      cached.valid = true;
    }
    return cached.ok ? std::span<const patterns::Event>(slice.first(cached.count))
                     : std::span<const patterns::Event>();
  };
  auto at_double = [&](double c, patterns::PatSample& out) {
    if (const std::optional<std::int64_t> cycle = patterns::cycle_of(c)) {
      patterns::pat_in_cycle(*r.pattern, events_of(*cycle), c, r.legato, out);
    }
  };
  auto at = [&](T time, std::int64_t lane) {
    patterns::PatSample out;
    if (clocked) {
      const std::int64_t counter = in.clock_first + in.clock_lane_step * (first + lane);
      // The counters of one step mostly give one result: reuse it until the next change.
      if (counter >= cached.from && counter < cached.until) {
        return static_cast<T>(gate ? cached.gate : cached.value);
      }
      std::optional<exact::Rational> c;
      if (prog.exact_cps && rate) c = exact::cycle_at(counter, *prog.exact_cps, *rate);
      if (c) {
        const std::span<const patterns::Event> events = events_of(floor_cycle(*c));
        patterns::pat_in_cycle(*r.pattern, events, *c, r.legato, out);
        const std::optional<exact::Rational> next = patterns::pat_next_change(events, *c, r.legato);
        const std::optional<std::int64_t> until =
            next ? exact::first_counter_at(*next, *prog.exact_cps, *rate) : std::nullopt;
        cached.from = counter;
        cached.until = until && *until > counter ? *until : counter + 1;
        cached.value = out.value;
        cached.gate = out.gate;
      } else { // the fraction does not fit: the binary64 time times cps
        at_double(static_cast<double>(counter) / in.clock_rate * prog.cps, out);
      }
    } else {
      at_double(static_cast<double>(time) * prog.cps, out);
    }
    return static_cast<T>(gate ? out.gate : out.value);
  };
  const Operand a = ins.a[0];
  if (!ins.dst.vector) {
    st.scalars[ins.dst.index] = at(st.scalars[a.index], 0);
    return;
  }
  const T* x = a.vector ? st.pointers[a.index] : &st.scalars[a.index];
  const std::size_t sa = a.vector ? 1 : 0;
  auto lane = [&](std::size_t i) { return at(x[i * sa], static_cast<std::int64_t>(i)); };
  if (ins.masked != 0) {
    masked_lanes(ins, st, n, lane);
    return;
  }
  T* d = st.vec(ins.dst.index);
  for (std::size_t i = 0; i < n; ++i) d[i] = lane(i);
}

template <class T> void history_read(const Instruction& ins, const State<T>& st, std::size_t n) {
  const Inputs<T>& in = *st.inputs;
  const HistorySource& h = in.histories[ins.aux];
  const Operand a = ins.a[0];
  const T* x = a.vector ? st.pointers[a.index] : &st.scalars[a.index];
  const std::size_t sa = a.vector ? 1 : 0;
  const auto first = static_cast<std::int64_t>(st.offset);
  auto lane = [&](std::size_t i) {
    const std::int64_t newest =
        in.history_newest + in.history_lane_step * (first + static_cast<std::int64_t>(i));
    return static_cast<T>(h.read(h.source, static_cast<double>(x[i * sa]), newest));
  };
  if (ins.masked != 0) {
    masked_lanes(ins, st, n, lane);
    return;
  }
  T* d = st.vec(ins.dst.index);
  for (std::size_t i = 0; i < n; ++i) d[i] = lane(i);
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
  std::uint64_t lanes = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (ins.masked != 0 && !selected(ins, st, i)) continue;
    for (std::uint32_t k = 0; k < count; ++k) {
      if (ops[k].vector) args[k] = st.pointers[ops[k].index][i];
    }
    d[i] = static_cast<T>(fold(span));
    ++lanes;
  }
  *st.expensive_lanes += lanes;
}

/// `noise`, `snoise`, `fbm`: an unmasked varying instruction runs the binary64 lane kernel
/// `kernel(x, y, z, out, m)` of noise_lanes.h (double lanes in place when all three operands are
/// varying, else chunks widened to binary64 and rounded back); uniform and masked ones apply the
/// scalar reference `f` per lane. The kernels equal the reference bit for bit, so a value is the
/// same either way.
constexpr std::size_t kNoiseChunk = 64;

template <class T, class Kernel, class F>
void noise_call(const Instruction& ins, const State<T>& st, std::size_t n, Kernel kernel, F f) {
  if (!ins.dst.vector || ins.masked != 0) {
    ternary(ins, st, n, [&f](T x, T y, T z) {
      return static_cast<T>(
          f(static_cast<double>(x), static_cast<double>(y), static_cast<double>(z)));
    });
    return;
  }
  T* d = st.vec(ins.dst.index);
  const T* p[3];
  bool varying[3];
  for (int k = 0; k < 3; ++k) {
    varying[k] = ins.a[k].vector;
    p[k] = varying[k] ? st.pointers[ins.a[k].index] : &st.scalars[ins.a[k].index];
  }
  if constexpr (std::is_same_v<T, double>) {
    if (varying[0] && varying[1] && varying[2]) {
      kernel(p[0], p[1], p[2], d, n);
      return;
    }
  }
  alignas(64) double in[3][kNoiseChunk];
  alignas(64) double out[kNoiseChunk];
  for (int k = 0; k < 3; ++k) {
    if (!varying[k]) std::fill_n(in[k], kNoiseChunk, static_cast<double>(*p[k]));
  }
  for (std::size_t base = 0; base < n; base += kNoiseChunk) {
    const std::size_t m = std::min(kNoiseChunk, n - base);
    for (int k = 0; k < 3; ++k) {
      if (!varying[k]) continue;
      const T* src = p[k] + base;
      for (std::size_t i = 0; i < m; ++i) in[k][i] = static_cast<double>(src[i]);
    }
    kernel(in[0], in[1], in[2], out, m);
    for (std::size_t i = 0; i < m; ++i) d[base + i] = static_cast<T>(out[i]);
  }
}

/// `fbm` with scalar octaves, lacunarity and gain (checked once, as the folder does).
template <class T>
void fbm(const Program& prog, const Instruction& ins, const State<T>& st, std::size_t n) {
  const Operand* ops = prog.call_args.data() + ins.first_arg;
  const double octaves = static_cast<double>(st.scalars[ops[0].index]);
  const double lacunarity = static_cast<double>(st.scalars[ops[1].index]);
  const double gain = static_cast<double>(st.scalars[ops[2].index]);
  const bool allowed = std::floor(octaves) == octaves && octaves >= ir::noise::kMinOctaves &&
                       octaves <= ir::noise::kMaxOctaves;
  if (!allowed) {
    ternary(ins, st, n, [](T, T, T) { return nan_value<T>(); });
    return;
  }
  const int count = static_cast<int>(octaves);
  const FbmOctaves scalars = fbm_octaves(count, lacunarity, gain); // once per instruction
  noise_call(
      ins, st, n,
      [&](const double* x, const double* y, const double* z, double* out, std::size_t m) {
        fbm_lanes(scalars, x, y, z, out, m);
      },
      [&](double x, double y, double z) {
        return ir::noise::fbm(x, y, z, count, lacunarity, gain);
      });
}

/// Widens to binary64, applies the reference `f`, rounds to the lane type.
template <class T, class F> auto wide1(F f) {
  return [f](T a) { return static_cast<T>(f(static_cast<double>(a))); };
}
template <class T, class F> auto wide2(F f) {
  return
      [f](T a, T b) { return static_cast<T>(f(static_cast<double>(a), static_cast<double>(b))); };
}
template <class T, class F> auto wide3(F f) {
  return [f](T a, T b, T c) {
    return static_cast<T>(
        f(static_cast<double>(a), static_cast<double>(b), static_cast<double>(c)));
  };
}

/// Float lanes of sin, cos, tan, exp, log, atan2, hypot and pow: the binary32 kernels of
/// float_math.h over whole operand arrays (a scalar operand broadcast through a buffer, the
/// lanes of a masked instruction gathered and scattered). A uniform instruction runs the same
/// kernel on one lane, so a value is the same whether it is computed uniform or varying.
using Kernel1 = void (*)(const float*, float*, std::size_t) noexcept;
using Kernel2 = void (*)(const float*, const float*, float*, std::size_t) noexcept;
constexpr std::size_t kKernelChunk = 256;

/// A masked kernel instruction: gathers the selected lanes (operand j read from `srcs[j]` with
/// stride `strides[j]`, 0 for a scalar) in chunks, runs `call(inputs, out, m)` on each chunk and
/// scatters the results into `d`; the computed lanes count as expensive.
template <std::size_t N, class Call>
void masked_kernel(const Instruction& ins, const State<float>& st, std::size_t n, float* d,
                   const std::array<const float*, N>& srcs,
                   const std::array<std::size_t, N>& strides, Call call) {
  float in[N][kKernelChunk];
  float out[kKernelChunk];
  std::uint32_t lane[kKernelChunk];
  std::size_t m = 0;
  std::uint64_t count = 0;
  auto flush = [&] {
    call(in, out, m);
    for (std::size_t j = 0; j < m; ++j) d[lane[j]] = out[j];
    count += m;
    m = 0;
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (!selected(ins, st, i)) continue;
    lane[m] = static_cast<std::uint32_t>(i);
    for (std::size_t k = 0; k < N; ++k) in[k][m] = srcs[k][i * strides[k]];
    if (++m == kKernelChunk) flush();
  }
  if (m > 0) flush();
  *st.expensive_lanes += count;
}

void kernel_unary(const Instruction& ins, const State<float>& st, std::size_t n, Kernel1 k) {
  const Operand a = ins.a[0];
  if (!ins.dst.vector) {
    k(&st.scalars[a.index], &st.scalars[ins.dst.index], 1);
    return;
  }
  float* d = st.vec(ins.dst.index);
  if (!a.vector) {
    float v;
    k(&st.scalars[a.index], &v, 1);
    if (ins.masked != 0) {
      masked_lanes(ins, st, n, [v](std::size_t) { return v; });
    } else {
      std::fill_n(d, n, v);
    }
    return;
  }
  const float* x = st.pointers[a.index];
  if (ins.masked == 0) {
    k(x, d, n);
    return;
  }
  masked_kernel<1>(ins, st, n, d, {x}, {1},
                   [k](auto& in, float* out, std::size_t m) { k(in[0], out, m); });
}

void kernel_binary(const Instruction& ins, const State<float>& st, std::size_t n, Kernel2 k) {
  const Operand a = ins.a[0];
  const Operand b = ins.a[1];
  if (!ins.dst.vector) {
    k(&st.scalars[a.index], &st.scalars[b.index], &st.scalars[ins.dst.index], 1);
    return;
  }
  float* d = st.vec(ins.dst.index);
  if (!a.vector && !b.vector) {
    float v;
    k(&st.scalars[a.index], &st.scalars[b.index], &v, 1);
    if (ins.masked != 0) {
      masked_lanes(ins, st, n, [v](std::size_t) { return v; });
    } else {
      std::fill_n(d, n, v);
    }
    return;
  }
  const float* x = a.vector ? st.pointers[a.index] : &st.scalars[a.index];
  const float* y = b.vector ? st.pointers[b.index] : &st.scalars[b.index];
  if (ins.masked == 0 && a.vector && b.vector) {
    k(x, y, d, n);
    return;
  }
  const std::size_t sa = a.vector ? 1 : 0, sb = b.vector ? 1 : 0;
  if (ins.masked == 0) { // one vector operand, one scalar: broadcast it chunk by chunk
    float in0[kKernelChunk], in1[kKernelChunk];
    std::fill_n(sa ? in1 : in0, kKernelChunk, sa ? *y : *x);
    for (std::size_t base = 0; base < n; base += kKernelChunk) {
      const std::size_t m = std::min(kKernelChunk, n - base);
      k(sa ? x + base : in0, sb ? y + base : in1, d + base, m);
    }
    return;
  }
  masked_kernel<2>(ins, st, n, d, {x, y}, {sa, sb},
                   [k](auto& in, float* out, std::size_t m) { k(in[0], in[1], out, m); });
}

/// A transcendental builtin: the binary32 kernel for float lanes, the binary64 reference `f`
/// (bit-exact with the constant folders) for double lanes.
template <class T, class F>
void transcendental1(const Instruction& ins, const State<T>& st, std::size_t n, Kernel1 k, F f) {
  if constexpr (std::is_same_v<T, float>) {
    kernel_unary(ins, st, n, k);
  } else {
    unary(ins, st, n, wide1<T>(f));
  }
}

template <class T, class F>
void transcendental2(const Instruction& ins, const State<T>& st, std::size_t n, Kernel2 k, F f) {
  if constexpr (std::is_same_v<T, float>) {
    kernel_binary(ins, st, n, k);
  } else {
    binary(ins, st, n, wide2<T>(f));
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

/// Runs `code[begin, end)` over `n` lanes.
template <class T>
void execute(const Program& prog, std::size_t begin, std::size_t end, const State<T>& st,
             Workspace<T>& ws, std::size_t n, Stats& local) {
  for (std::size_t pc = begin; pc < end; ++pc) {
    const Instruction& ins = prog.code[pc];
    if (ins.dst.vector) {
      ++local.vector_instructions;
    } else {
      ++local.scalar_instructions;
    }
    if (is_expensive(ins.op) && ins.masked == 0 && !(ins.op == Opcode::Call && ins.dst.vector)) {
      local.expensive_lanes += ins.dst.vector ? n : 1;
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
      transcendental1(ins, st, n, sin_lanes, [](double a) { return std::sin(a); });
      break;
    case Opcode::Cos:
      transcendental1(ins, st, n, cos_lanes, [](double a) { return std::cos(a); });
      break;
    case Opcode::Min:
      binary(ins, st, n, [](T a, T b) { return min_of(a, b); });
      break;
    case Opcode::Max:
      binary(ins, st, n, [](T a, T b) { return max_of(a, b); });
      break;
    case Opcode::Step:
      binary(ins, st, n,
             [](T e, T x) { return (e != e || x != x) ? nan_value<T>() : (x < e ? T(0) : T(1)); });
      break;
    case Opcode::Mix:
      ternary(ins, st, n, [](T a, T b, T t) {
        const double da = a;
        return static_cast<T>(da + (static_cast<double>(b) - da) * static_cast<double>(t));
      });
      break;
    case Opcode::Clamp:
      ternary(ins, st, n,
              wide3<T>([](double x, double lo, double hi) { return ir::math::clamp(x, lo, hi); }));
      break;
    case Opcode::Smoothstep:
      ternary(ins, st, n, wide3<T>([](double e0, double e1, double x) {
                return ir::math::smoothstep(e0, e1, x);
              }));
      break;
    case Opcode::Sign:
      unary(ins, st, n, wide1<T>([](double a) { return ir::math::sign(a); }));
      break;
    case Opcode::Round:
      unary(ins, st, n, wide1<T>([](double a) { return ir::math::round(a); }));
      break;
    case Opcode::Hypot:
      transcendental2(ins, st, n, hypot_lanes, [](double a, double b) {
        const double v[2] = {a, b};
        return ir::math::hypot(v);
      });
      break;
    case Opcode::Atan2:
      transcendental2(ins, st, n, atan2_lanes,
                      [](double y, double x) { return ir::math::atan2(y, x); });
      break;
    case Opcode::Pow:
      transcendental2(ins, st, n, pow_lanes,
                      [](double a, double b) { return ir::math::pow(a, b); });
      break;
    case Opcode::Exp:
      transcendental1(ins, st, n, exp_lanes, [](double a) { return std::exp(a); });
      break;
    case Opcode::Log:
      transcendental1(ins, st, n, log_lanes, [](double a) { return std::log(a); });
      break;
    case Opcode::Tan:
      transcendental1(ins, st, n, tan_lanes, [](double a) { return std::tan(a); });
      break;
    case Opcode::Noise:
      noise_call(ins, st, n, noise_lanes,
                 [](double x, double y, double z) { return ir::noise::noise(x, y, z); });
      break;
    case Opcode::Snoise:
      noise_call(ins, st, n, snoise_lanes,
                 [](double x, double y, double z) { return ir::noise::snoise(x, y, z); });
      break;
    case Opcode::Fbm:
      fbm(prog, ins, st, n);
      break;
    case Opcode::ImageSample: {
      const io::Image& image = *prog.images[ins.aux];
      const int channel = static_cast<int>(ins.first_arg);
      binary(ins, st, n, wide2<T>([&image, channel](double u, double v) {
               return io::sample_image(image, channel, u, v);
             }));
      break;
    }
    case Opcode::HistoryRead:
      history_read(ins, st, n);
      break;
    case Opcode::PatternRead:
      pattern_read(prog, ins, st, n, ws);
      break;
    case Opcode::FrameSample: {
      const FrameSource& frame = st.inputs->frames[ins.aux];
      binary(ins, st, n,
             wide2<T>([&frame](double u, double v) { return frame.read(frame.source, u, v); }));
      break;
    }
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
      ws.loops[2 * ins.first_arg] = static_cast<std::uint32_t>(trips);
      ws.loops[2 * ins.first_arg + 1] = from <= to ? 1u : 0u;
      break;
    }
    case Opcode::LoopEnd: {
      const Operand* next = prog.call_args.data() + ins.first_arg;
      const Operand* carried = next + ins.arg_count;
      for (std::uint32_t k = 0; k < ins.arg_count; ++k) move(carried[k], next[k], st, n);
      const Instruction& begin = prog.code[ins.aux];
      if (--ws.loops[2 * begin.first_arg] > 0) {
        ws.scalars[ins.dst.index] += ws.loops[2 * begin.first_arg + 1] != 0 ? T(1) : T(-1);
        pc = ins.aux; // continues after LoopBegin
      }
      break;
    }
    }
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
  if (ws.pattern_events.size() != prog.pattern_events ||
      ws.pattern_cycles.size() != prog.pattern_reads.size()) {
    ws.pattern_events.assign(prog.pattern_events, patterns::Event{});
    ws.pattern_cycles.assign(prog.pattern_reads.size(), {});
  }
  for (std::uint32_t r = 0; r < prog.vector_registers; ++r) {
    ws.pointers[r] = ws.vectors.data() + static_cast<std::size_t>(r) * block;
  }
  Stats local;
  State<T> st{ws.scalars.data(),
              &local.expensive_lanes,
              ws.pointers.data(),
              ws.vectors.data(),
              block,
              &inputs};

  if (lanes > 0) {
    // Constants and frame-uniform inputs (pinned registers, never reused), then the prologue.
    for (auto [r, v] : prog.constants) ws.scalars[r] = static_cast<T>(v);
    for (const Input& in : prog.inputs) {
      if (in.kind == InputKind::Mouse) {
        ws.scalars[in.reg.index] = inputs.mouse[in.field];
      } else if (in.kind == InputKind::Coord && !in.reg.vector &&
                 (prog.row & ir::coord_bit(static_cast<ir::Coord>(in.field))) == 0) {
        ws.scalars[in.reg.index] = inputs.coords[in.field];
      }
    }
    execute(prog, 0, prog.prologue, st, ws, 0, local);
    local.prologue_instructions = prog.prologue;
  }

  for (std::size_t offset = 0; offset < lanes; offset += block) {
    const std::size_t n = std::min(block, lanes - offset);
    ++local.blocks;
    st.offset = offset;
    for (const Input& in : prog.inputs) {
      const T* lanes_of = nullptr;
      switch (in.kind) {
      case InputKind::Coord:
        if (!in.reg.vector) {
          if ((prog.row & ir::coord_bit(static_cast<ir::Coord>(in.field))) != 0) {
            const T* row = inputs.coord_lanes[in.field];
            ws.scalars[in.reg.index] = row != nullptr ? row[offset] : inputs.coords[in.field];
          }
          continue;
        }
        lanes_of = inputs.coord_lanes[in.field];
        break;
      case InputKind::Mouse:
        continue;
      case InputKind::External:
        lanes_of = inputs.externals[in.external];
        break;
      }
      ws.pointers[in.reg.index] = lanes_of + offset;
    }

    execute(prog, prog.prologue, prog.code.size(), st, ws, n, local);

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
    stats->prologue_instructions += local.prologue_instructions;
    stats->expensive_lanes += local.expensive_lanes;
    stats->blocks += local.blocks;
  }
}

template void run<float>(const Program&, const Inputs<float>&, const Outputs<float>&, std::size_t,
                         Workspace<float>&, Stats*);
template void run<double>(const Program&, const Inputs<double>&, const Outputs<double>&,
                          std::size_t, Workspace<double>&, Stats*);

} // namespace weft::vm
