// IR cone → VM bytecode: marking, loop scopes, variability classes, the frame-uniform prologue,
// emission with virtual registers, then liveness and linear-scan register allocation.
#include "vm/compile.h"

#include "ir/builtins/registry.h"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace weft::vm {

namespace {

using ir::Node;
using ir::NodeId;
using ir::Op;

constexpr std::uint32_t kNone = 0xFFFFFFFFu;

/// A `load` lookup: an immutable image the VM samples itself (a camera is hardware: external).
bool is_image_lookup(const Node& n) {
  return n.op == Op::Sample && n.purity != ir::Purity::Owned;
}

/// A `pat` call: evaluated by the VM over the compiled pattern (PatternRead).
bool is_pattern_read(const Node& n) {
  return n.op == Op::Call && n.builtin->name == "pat";
}

bool is_external(const Node& n) {
  return n.op == Op::Owned ||
         (n.op == Op::Call && n.builtin->fold == nullptr && !is_pattern_read(n));
}

struct VReg {
  bool vector = false;
  bool pinned = false; ///< constants and inputs: a fixed register, never freed
  std::uint32_t physical = kNone;
};

class Compiler {
public:
  Compiler(const ir::Graph& g, const CompileOptions& o) : g_(g), options_(o) {
    reg_.assign(g.size(), kNone);
  }

  Program run(std::span<const NodeId> outputs) {
    program_.block = std::max<std::uint32_t>(options_.block, 1);
    program_.varying = options_.varying;
    program_.row = options_.row & ~options_.varying;
    program_.cps = options_.cps;
    program_.exact_cps = exact::rational_from_double(options_.cps);
    mark(outputs);
    assign_scopes();
    classify();
    mark_prologue();
    mark_masked_branches(outputs);
    emit_scope(0, true); // the frame-uniform prologue
    program_.prologue = static_cast<std::uint32_t>(program_.code.size());
    emit_scope(0, false);
    for (NodeId o : outputs) out_vregs_.push_back(reg_[o]);
    allocate();
    return std::move(program_);
  }

private:
  // --- Marking: the cone of the outputs, externals cut off -----------------------------------
  void mark(std::span<const NodeId> outputs) {
    needed_.assign(g_.size(), false);
    for (NodeId o : outputs) needed_[o] = true;
    for (std::size_t i = g_.size(); i-- > 0;) {
      if (!needed_[i]) continue;
      const Node& n = g_.node(static_cast<NodeId>(i));
      if (is_external(n)) continue;
      for (NodeId a : computed_args(n)) needed_[a] = true;
    }
  }

  /// The arguments whose values a node's instruction reads: a History read computes its time,
  /// not the owned node (whose past values come from Inputs::histories).
  std::span<const NodeId> computed_args(const Node& n) const {
    auto args = g_.args(n);
    return n.op == Op::History ? args.subspan(1) : args;
  }

  // --- Scopes: 0 = top level, id + 1 = the body of loop `id` ----------------------------------
  // Loop ids are given in pre-order by the lowering, so the innermost enclosing loop of a node is
  // the largest scope among its arguments'.
  void assign_scopes() {
    scope_.assign(g_.size(), 0);
    for (NodeId i = 0; i < g_.size(); ++i) {
      if (!needed_[i]) continue;
      const Node& n = g_.node(i);
      std::uint32_t s = 0;
      if (n.op == Op::LoopVar) {
        s = n.aux + 1;
      } else if (!is_external(n)) {
        for (NodeId a : computed_args(n)) {
          const std::uint32_t as = scope_[a];
          if (n.op == Op::Loop && as == n.aux + 1) continue;
          s = std::max(s, as);
        }
      }
      scope_[i] = s;
      members_[s].push_back(i);
      if (n.op == Op::Loop) loops_[n.aux] = i;
    }
  }

  // --- Variability classes, with a fixpoint over carried loop values ----------------------------
  void classify() {
    class_.assign(g_.size(), kFrame);
    bool changed = true;
    auto carried = [&](std::uint32_t loop, std::uint32_t slot) {
      auto it = carried_class_.find(key(loop, slot));
      return it == carried_class_.end() ? kFrame : it->second;
    };
    while (changed) {
      changed = false;
      for (NodeId i = 0; i < g_.size(); ++i) {
        if (!needed_[i]) continue;
        const Node& n = g_.node(i);
        std::uint8_t c = kFrame;
        switch (n.op) {
        case Op::Constant:
        case Op::Mouse:
          break;
        case Op::Coord: {
          const ir::CoordMask bit = ir::coord_bit(static_cast<ir::Coord>(n.aux));
          c = (options_.varying & bit) != 0 ? kVarying : (options_.row & bit) != 0 ? kRow : kFrame;
          break;
        }
        case Op::LoopVar:
          c = n.value != 0 ? carried(n.aux, static_cast<std::uint32_t>(n.value)) : kFrame;
          break;
        case Op::Loop:
          c = kFrame; // the Loop node itself holds no value
          break;
        case Op::LoopResult:
          c = carried(g_.node(g_.args(n)[0]).aux, static_cast<std::uint32_t>(n.value) + 1);
          break;
        case Op::History: // the newest visible sample may vary per lane (audio, §6.7)
          c = kVarying;
          break;
        default:
          if (is_external(n)) {
            c = kVarying;
          } else {
            for (NodeId a : g_.args(n)) c = std::max(c, class_[a]);
          }
        }
        class_[i] = c;
        if (n.op == Op::Loop) {
          auto a = g_.args(n);
          const std::size_t k = static_cast<std::size_t>(n.value);
          for (std::size_t j = 0; j < k; ++j) {
            const std::uint8_t cj = std::max(class_[a[2 + j]], class_[a[2 + k + j]]);
            std::uint8_t& slot = carried_class_[key(n.aux, static_cast<std::uint32_t>(j) + 1)];
            if (cj > slot) {
              slot = cj;
              changed = true;
            }
          }
        }
      }
    }
  }

  bool varying(NodeId n) const { return class_[n] == kVarying; }

  // --- The prologue: frame-uniform computations at the top level, not fed by a loop -------------
  void mark_prologue() {
    early_.assign(g_.size(), false);
    for (NodeId i = 0; i < g_.size(); ++i) {
      if (!needed_[i] || scope_[i] != 0 || class_[i] != kFrame) continue;
      const Node& n = g_.node(i);
      if (n.op == Op::Loop || n.op == Op::LoopResult || n.op == Op::LoopVar || is_external(n)) {
        continue;
      }
      bool ok = true;
      if (n.op != Op::Constant && n.op != Op::Mouse && n.op != Op::Coord) {
        for (NodeId a : g_.args(n)) ok = ok && early_[a];
      }
      early_[i] = ok;
    }
  }

  static std::uint64_t key(std::uint32_t loop, std::uint32_t slot) {
    return (std::uint64_t{loop} << 32) | slot;
  }

  // --- Masked branches: an `if` with a varying condition whose branch has an exclusive cone (the
  // nodes only that branch needs) containing an expensive instruction defers that cone to just
  // before the `if` and evaluates its expensive instructions only over the lanes that select it.
  static bool cheap_builtin(std::string_view name) {
    static constexpr std::string_view kCheap[] = {
        "abs",  "floor", "ceil",       "sqrt", "fract", "step",  "mod", "mix",
        "lerp", "clamp", "smoothstep", "sign", "round", "hypot", "min", "max"};
    return std::find(std::begin(kCheap), std::end(kCheap), name) != std::end(kCheap);
  }

  bool expensive(const Node& n) const {
    return n.op == Op::Pow || n.op == Op::Sample || n.op == Op::History ||
           (n.op == Op::Call && !cheap_builtin(n.builtin->name));
  }

  /// Whether `i` may be deferred into a branch: a varying computation at the top level.
  bool deferrable(NodeId i) const {
    const Node& n = g_.node(i);
    if (!needed_[i] || scope_[i] != 0 || !varying(i) || early_[i] || output_[i]) return false;
    switch (n.op) {
    case Op::Constant:
    case Op::Coord:
    case Op::Mouse:
    case Op::Loop:
    case Op::LoopVar:
    case Op::LoopResult:
      return false;
    default:
      return !is_external(n);
    }
  }

  void mark_masked_branches(std::span<const NodeId> outputs) {
    owner_.assign(g_.size(), kNone);
    output_.assign(g_.size(), false);
    for (NodeId o : outputs) output_[o] = true;
    std::vector<std::uint32_t> uses(g_.size(), 0);
    bool any = false;
    for (NodeId i = 0; i < g_.size(); ++i) {
      if (!needed_[i] || is_external(g_.node(i))) continue;
      for (NodeId a : computed_args(g_.node(i))) ++uses[a];
      any =
          any || (g_.node(i).op == Op::Select && scope_[i] == 0 && varying(g_.args(g_.node(i))[0]));
    }
    if (!any) return;
    std::vector<std::uint32_t> count(g_.size(), 0);
    std::vector<NodeId> touched, cone, stack;
    for (NodeId s = 0; s < g_.size(); ++s) {
      const Node& sel = g_.node(s);
      if (!needed_[s] || sel.op != Op::Select || scope_[s] != 0) continue;
      auto sa = g_.args(sel);
      if (!varying(sa[0])) continue;
      for (int branch = 1; branch <= 2; ++branch) {
        const NodeId root = sa[branch];
        if (root == sa[0] || root == sa[3 - branch] || !deferrable(root)) continue;
        cone.clear();
        stack.assign(1, root);
        count[root] = 1; // the `if` itself: its only use
        touched.assign(1, root);
        if (uses[root] != 1) {
          count[root] = 0;
          continue;
        }
        bool costly = false;
        while (!stack.empty()) {
          const NodeId u = stack.back();
          stack.pop_back();
          cone.push_back(u);
          costly = costly || expensive(g_.node(u));
          for (NodeId a : computed_args(g_.node(u))) {
            if (count[a]++ == 0) touched.push_back(a);
            if (count[a] == uses[a] && deferrable(a)) stack.push_back(a);
          }
        }
        for (NodeId t : touched) count[t] = 0;
        if (!costly) continue;
        std::sort(cone.begin(), cone.end());
        std::vector<NodeId>& members = deferred_[s];
        for (NodeId c : cone) {
          if (owner_[c] != kNone) continue; // deferred into an inner `if`
          owner_[c] = s;
          members.push_back(c);
          branch_[c] = static_cast<std::uint8_t>(branch);
        }
        std::sort(members.begin(), members.end());
      }
    }
  }

  /// Emits the nodes deferred into `if` node `s`, masking their expensive vector instructions.
  void emit_branches(NodeId s) {
    auto it = deferred_.find(s);
    if (it == deferred_.end()) return;
    const Operand mask = use(g_.args(g_.node(s))[0]);
    for (NodeId m : it->second) {
      const std::size_t from = program_.code.size();
      emit_node(m);
      for (std::size_t p = from; p < program_.code.size(); ++p) {
        Instruction& ins = program_.code[p];
        if (ins.masked == 0 && ins.dst.vector && is_expensive(ins.op)) {
          ins.masked = branch_.at(m);
          ins.mask = mask;
        }
      }
    }
  }

  // --- Emission with virtual registers ---------------------------------------------------------
  std::uint32_t new_vreg(bool vector) {
    vregs_.push_back(VReg{vector, false, kNone});
    return static_cast<std::uint32_t>(vregs_.size() - 1);
  }

  Operand use(NodeId n) const { return Operand{reg_[n], vregs_[reg_[n]].vector}; }

  std::uint32_t emit(Instruction ins) {
    program_.code.push_back(ins);
    return static_cast<std::uint32_t>(program_.code.size() - 1);
  }

  /// Emits the members of `scope`; at the top level, `prologue` picks the frame-uniform
  /// prologue's members or the others.
  void emit_scope(std::uint32_t scope, bool prologue = false) {
    auto it = members_.find(scope);
    if (it == members_.end()) return;
    const std::vector<NodeId> members = it->second;
    for (NodeId n : members) {
      if (scope == 0 && (early_[n] != prologue || owner_[n] != kNone)) continue;
      emit_node(n);
    }
  }

  void emit_simple(NodeId id, Opcode op, std::span<const NodeId> args) {
    Instruction ins;
    ins.op = op;
    for (std::size_t k = 0; k < args.size() && k < 3; ++k) ins.a[k] = use(args[k]);
    const std::uint32_t r = new_vreg(varying(id));
    ins.dst = Operand{r, varying(id)};
    emit(ins);
    reg_[id] = r;
  }

  void emit_image_sample(NodeId id, const Node& n) {
    const auto* images = options_.images;
    if (images == nullptr || images->count(n.aux) == 0) {
      throw CompileError("the image of 'load' was not decoded");
    }
    const std::shared_ptr<const io::Image>& image = images->at(n.aux);
    // Channels of `load` by name (r, g, b, a, luma); width and height are folded constants.
    static constexpr std::pair<std::string_view, io::ImageChannel> kChannels[] = {
        {"r", io::ImageChannel::kRed},
        {"g", io::ImageChannel::kGreen},
        {"b", io::ImageChannel::kBlue},
        {"a", io::ImageChannel::kAlpha},
        {"luma", io::ImageChannel::kLuma}};
    const std::string_view channel = n.builtin->channels.at(n.channel).name;
    auto c = std::find_if(std::begin(kChannels), std::end(kChannels),
                          [&](const auto& entry) { return entry.first == channel; });
    if (c == std::end(kChannels)) {
      throw CompileError("'load' has no sampled channel '" + std::string(channel) + "'");
    }
    auto slot = std::find(program_.images.begin(), program_.images.end(), image);
    if (slot == program_.images.end()) slot = program_.images.insert(slot, image);
    emit_simple(id, Opcode::ImageSample, g_.args(n));
    Instruction& ins = program_.code.back();
    ins.aux = static_cast<std::uint32_t>(slot - program_.images.begin());
    ins.first_arg = static_cast<std::uint32_t>(c->second);
  }

  void emit_history_read(NodeId id, const Node& n) {
    const NodeId source = g_.args(n)[0];
    auto slot = std::find(program_.histories.begin(), program_.histories.end(), source);
    if (slot == program_.histories.end()) slot = program_.histories.insert(slot, source);
    emit_simple(id, Opcode::HistoryRead, computed_args(n));
    program_.code.back().aux = static_cast<std::uint32_t>(slot - program_.histories.begin());
  }

  void emit_pattern_read(NodeId id, const Node& n) {
    const auto* patterns = options_.patterns;
    if (patterns == nullptr || patterns->count(n.aux) == 0) {
      throw CompileError("the pattern of 'pat' was not compiled");
    }
    auto args = g_.args(n); // legato (a constant), then the time it is read at
    PatternRead read;
    read.pattern = patterns->at(n.aux);
    const std::optional<exact::Rational> legato =
        exact::rational_from_double(g_.node(args[0]).value);
    if (!g_.is_constant(args[0]) || !legato) throw CompileError("'pat' needs a constant legato");
    read.legato = *legato;
    const Node& time = g_.node(args[1]);
    read.clocked = time.op == Op::Coord && static_cast<ir::Coord>(time.aux) == ir::Coord::Time;
    // A one-cycle query's events, capped: a pattern denser than that reads as a rest where the
    // query overflows (patterns::QueryStatus::kCapacityExceeded).
    constexpr std::size_t kMaxCycleEvents = 1 << 16;
    read.first_event = program_.pattern_events;
    read.events = std::min(read.pattern->max_events(exact::Rational{1, 1}), kMaxCycleEvents);
    program_.pattern_events += read.events;
    program_.pattern_reads.push_back(read);
    emit_simple(id, Opcode::PatternRead, args.subspan(1));
    Instruction& ins = program_.code.back();
    ins.aux = static_cast<std::uint32_t>(program_.pattern_reads.size() - 1);
    ins.first_arg = n.channel;
  }

  void emit_frame_sample(NodeId id, const Node& n) {
    auto slot = std::find(program_.frames.begin(), program_.frames.end(), id);
    if (slot == program_.frames.end()) slot = program_.frames.insert(slot, id);
    emit_simple(id, Opcode::FrameSample, g_.args(n));
    program_.code.back().aux = static_cast<std::uint32_t>(slot - program_.frames.begin());
  }

  void emit_chain(NodeId id, Opcode op, std::span<const NodeId> args) {
    // min/max over 2…16 arguments: left to right, as math::min(span) folds them.
    Operand acc = use(args[0]);
    std::uint32_t r = kNone;
    for (std::size_t k = 1; k < args.size(); ++k) {
      bool vec = acc.vector || vregs_[reg_[args[k]]].vector;
      Instruction ins;
      ins.op = op;
      ins.a[0] = acc;
      ins.a[1] = use(args[k]);
      r = new_vreg(vec);
      ins.dst = Operand{r, vec};
      emit(ins);
      acc = ins.dst;
    }
    reg_[id] = r;
  }

  void emit_call(NodeId id, const Node& n) {
    auto args = g_.args(n);
    const std::string_view name = n.builtin->name;
    auto fixed = [&](Opcode op, std::size_t count) {
      if (args.size() != count || n.channel != 0) return false;
      emit_simple(id, op, args);
      return true;
    };
    if ((name == "abs" && fixed(Opcode::Abs, 1)) || (name == "floor" && fixed(Opcode::Floor, 1)) ||
        (name == "ceil" && fixed(Opcode::Ceil, 1)) || (name == "sqrt" && fixed(Opcode::Sqrt, 1)) ||
        (name == "fract" && fixed(Opcode::Fract, 1)) || (name == "sin" && fixed(Opcode::Sin, 1)) ||
        (name == "cos" && fixed(Opcode::Cos, 1)) || (name == "step" && fixed(Opcode::Step, 2)) ||
        (name == "mod" && fixed(Opcode::Mod, 2)) || (name == "mix" && fixed(Opcode::Mix, 3)) ||
        (name == "lerp" && fixed(Opcode::Mix, 3)) || (name == "clamp" && fixed(Opcode::Clamp, 3)) ||
        (name == "smoothstep" && fixed(Opcode::Smoothstep, 3)) ||
        (name == "sign" && fixed(Opcode::Sign, 1)) ||
        (name == "round" && fixed(Opcode::Round, 1)) ||
        (name == "hypot" && fixed(Opcode::Hypot, 2)) ||
        (name == "atan2" && fixed(Opcode::Atan2, 2)) || (name == "pow" && fixed(Opcode::Pow, 2)) ||
        (name == "exp" && fixed(Opcode::Exp, 1)) || (name == "log" && fixed(Opcode::Log, 1)) ||
        (name == "tan" && fixed(Opcode::Tan, 1)) || (name == "noise" && fixed(Opcode::Noise, 3)) ||
        (name == "snoise" && fixed(Opcode::Snoise, 3))) {
      return;
    }
    if (name == "fbm" && args.size() == 6 && n.channel == 0 && !varying(args[3]) &&
        !varying(args[4]) && !varying(args[5])) {
      Instruction ins;
      ins.op = Opcode::Fbm;
      for (int k = 0; k < 3; ++k) ins.a[k] = use(args[k]);
      ins.first_arg = static_cast<std::uint32_t>(program_.call_args.size());
      ins.arg_count = 3;
      for (int k = 3; k < 6; ++k) program_.call_args.push_back(use(args[k]));
      const std::uint32_t r = new_vreg(varying(id));
      ins.dst = Operand{r, varying(id)};
      emit(ins);
      reg_[id] = r;
      return;
    }
    if ((name == "min" || name == "max") && args.size() >= 2) {
      emit_chain(id, name == "min" ? Opcode::Min : Opcode::Max, args);
      return;
    }
    Instruction ins;
    ins.op = Opcode::Call;
    ins.builtin = n.builtin;
    ins.first_arg = static_cast<std::uint32_t>(program_.call_args.size());
    ins.arg_count = static_cast<std::uint32_t>(args.size());
    for (NodeId a : args) program_.call_args.push_back(use(a));
    const std::uint32_t r = new_vreg(varying(id));
    ins.dst = Operand{r, varying(id)};
    emit(ins);
    reg_[id] = r;
  }

  std::uint32_t pinned(bool vector) {
    const std::uint32_t r = new_vreg(vector);
    vregs_[r].pinned = true;
    return r;
  }

  void emit_loop(NodeId id, const Node& n) {
    auto a = g_.args(n);
    const std::size_t k = static_cast<std::size_t>(n.value);
    if (varying(a[0]) || varying(a[1])) {
      throw CompileError("loop " + std::to_string(n.aux) +
                         ": bounds that vary per lane are not supported by the VM");
    }
    std::vector<std::uint32_t> carried(k);
    for (std::size_t j = 0; j < k; ++j) {
      const bool vec = carried_class_[key(n.aux, static_cast<std::uint32_t>(j) + 1)] == kVarying;
      carried[j] = new_vreg(vec);
      Instruction mv;
      mv.op = Opcode::Move;
      mv.a[0] = use(a[2 + j]);
      mv.dst = Operand{carried[j], vec};
      emit(mv);
    }
    const std::uint32_t index = new_vreg(false);
    loop_vars_[key(n.aux, 0)] = index;
    for (std::size_t j = 0; j < k; ++j) {
      loop_vars_[key(n.aux, static_cast<std::uint32_t>(j) + 1)] = carried[j];
    }
    Instruction begin;
    begin.op = Opcode::LoopBegin;
    begin.a[0] = use(a[0]);
    begin.a[1] = use(a[1]);
    begin.dst = Operand{index, false};
    begin.first_arg = program_.loop_count++;
    const std::uint32_t begin_at = emit(begin);
    emit_scope(n.aux + 1);
    // Next values that are themselves carried registers (or the index) of this loop are copied
    // first, so that LoopEnd's copies behave as one parallel assignment.
    std::vector<Operand> next(k);
    for (std::size_t j = 0; j < k; ++j) {
      next[j] = use(a[2 + k + j]);
      const bool is_own = next[j].index == index ||
                          std::find(carried.begin(), carried.end(), next[j].index) != carried.end();
      if (is_own && next[j].index != carried[j]) {
        Instruction mv;
        mv.op = Opcode::Move;
        mv.a[0] = next[j];
        const std::uint32_t t = new_vreg(next[j].vector);
        mv.dst = Operand{t, next[j].vector};
        emit(mv);
        next[j] = mv.dst;
      }
    }
    Instruction end;
    end.op = Opcode::LoopEnd;
    end.first_arg = static_cast<std::uint32_t>(program_.call_args.size());
    end.arg_count = static_cast<std::uint32_t>(k);
    for (std::size_t j = 0; j < k; ++j) program_.call_args.push_back(next[j]);
    for (std::size_t j = 0; j < k; ++j) {
      program_.call_args.push_back(Operand{carried[j], vregs_[carried[j]].vector});
    }
    end.aux = begin_at;
    end.dst = Operand{index, false}; // read and stepped by LoopEnd: live through the body
    const std::uint32_t end_at = emit(end);
    program_.code[begin_at].aux = end_at;
    loop_ranges_.emplace_back(begin_at, end_at);
    carried_regs_[id] = std::move(carried);
  }

  void emit_node(NodeId id) {
    const Node& n = g_.node(id);
    if (is_external(n)) {
      const std::uint32_t r = pinned(true);
      Input in;
      in.kind = InputKind::External;
      in.external = static_cast<std::uint32_t>(program_.externals.size());
      in.reg = Operand{r, true};
      program_.externals.push_back(id);
      program_.inputs.push_back(in);
      reg_[id] = r;
      return;
    }
    switch (n.op) {
    case Op::Constant: {
      const std::uint32_t r = pinned(false);
      constant_values_.emplace_back(r, n.value);
      reg_[id] = r;
      return;
    }
    case Op::Coord:
    case Op::Mouse: {
      const bool vec = varying(id);
      const std::uint32_t r = pinned(vec);
      Input in;
      in.kind = n.op == Op::Coord ? InputKind::Coord : InputKind::Mouse;
      in.field = n.aux;
      in.reg = Operand{r, vec};
      program_.inputs.push_back(in);
      reg_[id] = r;
      return;
    }
    case Op::LoopVar:
      reg_[id] = loop_vars_.at(key(n.aux, static_cast<std::uint32_t>(n.value)));
      return;
    case Op::Loop:
      emit_loop(id, n);
      return;
    case Op::LoopResult:
      reg_[id] = carried_regs_.at(g_.args(n)[0]).at(static_cast<std::size_t>(n.value));
      return;
    case Op::Call:
      if (is_pattern_read(n)) {
        emit_pattern_read(id, n);
      } else {
        emit_call(id, n);
      }
      return;
    case Op::Sample:
      if (is_image_lookup(n)) {
        emit_image_sample(id, n);
      } else {
        emit_frame_sample(id, n);
      }
      return;
    case Op::History:
      emit_history_read(id, n);
      return;
    default:
      break;
    }
    static constexpr std::pair<Op, Opcode> kOps[] = {
        {Op::Neg, Opcode::Neg},
        {Op::Not, Opcode::Not},
        {Op::Add, Opcode::Add},
        {Op::Sub, Opcode::Sub},
        {Op::Mul, Opcode::Mul},
        {Op::Div, Opcode::Div},
        {Op::Mod, Opcode::Mod},
        {Op::Equal, Opcode::Equal},
        {Op::NotEqual, Opcode::NotEqual},
        {Op::Less, Opcode::Less},
        {Op::Greater, Opcode::Greater},
        {Op::LessEqual, Opcode::LessEqual},
        {Op::GreaterEqual, Opcode::GreaterEqual},
        {Op::And, Opcode::And},
        {Op::Or, Opcode::Or},
        {Op::Select, Opcode::Select},
    };
    if (n.op == Op::Select) emit_branches(id);
    for (auto [op, code] : kOps) {
      if (op == n.op) {
        emit_simple(id, code, g_.args(n));
        return;
      }
    }
    if (n.op == Op::Pow) {
      emit_simple(id, Opcode::Pow, g_.args(n)); // `^` is `pow` (§3.4)
      return;
    }
    throw CompileError("unsupported IR operation " + std::string(ir::op_name(n.op)));
  }

  // --- Liveness and linear-scan allocation ------------------------------------------------------
  void allocate() {
    const std::size_t count = vregs_.size();
    std::vector<std::int64_t> def(count, -1), last(count, -1);
    auto for_each_read = [&](const Instruction& ins, auto&& f) {
      switch (ins.op) {
      case Opcode::Call:
      case Opcode::LoopEnd: {
        const std::uint32_t n = ins.op == Opcode::LoopEnd ? 2 * ins.arg_count : ins.arg_count;
        for (std::uint32_t k = 0; k < n; ++k) f(program_.call_args[ins.first_arg + k].index);
        if (ins.op == Opcode::LoopEnd) f(ins.dst.index);
        break;
      }
      case Opcode::LoopBegin:
        f(ins.a[0].index);
        f(ins.a[1].index);
        break;
      case Opcode::Fbm:
        for (int k = 0; k < 3; ++k) f(ins.a[k].index);
        for (std::uint32_t k = 0; k < ins.arg_count; ++k) {
          f(program_.call_args[ins.first_arg + k].index);
        }
        break;
      default:
        for (int k = 0; k < arity(ins.op); ++k) f(ins.a[k].index);
      }
      if (ins.masked != 0) f(ins.mask.index);
    };
    const auto prologue = static_cast<std::int64_t>(program_.prologue);
    for (std::size_t p = 0; p < program_.code.size(); ++p) {
      const Instruction& ins = program_.code[p];
      if (ins.op != Opcode::LoopEnd && def[ins.dst.index] < 0) {
        def[ins.dst.index] = static_cast<std::int64_t>(p);
      }
      for_each_read(ins, [&](std::uint32_t v) {
        last[v] = std::max<std::int64_t>(last[v], static_cast<std::int64_t>(p));
        // A prologue value read per block stays live through every block.
        if (static_cast<std::int64_t>(p) >= prologue && def[v] < prologue) {
          last[v] = static_cast<std::int64_t>(program_.code.size());
        }
        for (auto [b, e] : loop_ranges_) {
          if (static_cast<std::int64_t>(b) < static_cast<std::int64_t>(p) && p <= e &&
              def[v] < static_cast<std::int64_t>(b)) {
            last[v] = std::max<std::int64_t>(last[v], e);
          }
        }
      });
    }
    const std::int64_t end = static_cast<std::int64_t>(program_.code.size());
    for (std::uint32_t v : out_vregs_) last[v] = end;
    for (std::size_t v = 0; v < count; ++v) last[v] = std::max(last[v], def[v]);

    // Pinned registers first: constants and scalar inputs get the low scalar registers; vector
    // inputs get the input slots.
    std::uint32_t scalars = 0;
    std::uint32_t inputs = 0;
    for (auto& [r, value] : constant_values_) {
      vregs_[r].physical = scalars++;
      program_.constants.emplace_back(vregs_[r].physical, value);
    }
    for (Input& in : program_.inputs) {
      VReg& v = vregs_[in.reg.index];
      v.physical = v.vector ? inputs++ : scalars++;
    }
    // Linear scan over the rest.
    std::vector<std::uint32_t> free_scalar, free_vector;
    std::uint32_t vectors = 0;
    std::vector<std::vector<std::uint32_t>> expiring(program_.code.size() + 1);
    for (std::size_t v = 0; v < count; ++v) {
      if (!vregs_[v].pinned && last[v] >= 0 && last[v] < end) {
        expiring[static_cast<std::size_t>(last[v])].push_back(static_cast<std::uint32_t>(v));
      }
    }
    auto release = [&](std::size_t p, bool dead) {
      for (std::uint32_t v : expiring[p]) {
        if ((def[v] == static_cast<std::int64_t>(p)) != dead) continue;
        (vregs_[v].vector ? free_vector : free_scalar).push_back(vregs_[v].physical);
      }
    };
    for (std::size_t p = 0; p < program_.code.size(); ++p) {
      const Instruction& ins = program_.code[p];
      const bool elementwise = ins.op != Opcode::LoopBegin && ins.op != Opcode::LoopEnd;
      if (elementwise) release(p, false); // a lane-wise instruction may overwrite its own argument
      if (ins.op != Opcode::LoopEnd && def[ins.dst.index] == static_cast<std::int64_t>(p)) {
        VReg& v = vregs_[ins.dst.index];
        auto& pool = v.vector ? free_vector : free_scalar;
        if (!pool.empty()) {
          v.physical = pool.back();
          pool.pop_back();
        } else {
          v.physical = v.vector ? vectors++ : scalars++;
        }
      }
      if (!elementwise) release(p, false);
      release(p, true); // values never read
    }
    program_.scalar_registers = scalars;
    program_.vector_registers = vectors;
    program_.vector_inputs = inputs;

    auto rewrite = [&](Operand& o) {
      const VReg& v = vregs_[o.index];
      o.index = v.pinned && v.vector ? vectors + v.physical : v.physical;
    };
    for (Instruction& ins : program_.code) {
      rewrite(ins.dst);
      if (ins.op != Opcode::Call && ins.op != Opcode::LoopEnd) {
        const int n = ins.op == Opcode::LoopBegin ? 2 : arity(ins.op);
        for (int k = 0; k < n; ++k) rewrite(ins.a[k]);
      }
      if (ins.masked != 0) rewrite(ins.mask);
    }
    for (Operand& o : program_.call_args) rewrite(o);
    for (Input& in : program_.inputs) rewrite(in.reg);
    for (std::uint32_t v : out_vregs_) {
      Operand o{v, vregs_[v].vector};
      rewrite(o);
      program_.outputs.push_back(o);
    }
  }

  static int arity(Opcode op) {
    switch (op) {
    case Opcode::Move:
    case Opcode::Neg:
    case Opcode::Not:
    case Opcode::Abs:
    case Opcode::Floor:
    case Opcode::Ceil:
    case Opcode::Sqrt:
    case Opcode::Fract:
    case Opcode::Sin:
    case Opcode::Cos:
    case Opcode::Sign:
    case Opcode::Round:
    case Opcode::Exp:
    case Opcode::Log:
    case Opcode::Tan:
      return 1;
    case Opcode::Select:
    case Opcode::Mix:
    case Opcode::Clamp:
    case Opcode::Smoothstep:
    case Opcode::Noise:
    case Opcode::Snoise:
    case Opcode::Fbm: // plus three scalar operands in call_args
      return 3;
    case Opcode::Call:
    case Opcode::LoopBegin:
    case Opcode::LoopEnd:
      return 0;
    default:
      return 2;
    }
  }

  const ir::Graph& g_;
  const CompileOptions& options_;
  Program program_;
  std::vector<bool> needed_;
  static constexpr std::uint8_t kFrame = 0;
  static constexpr std::uint8_t kRow = 1;
  static constexpr std::uint8_t kVarying = 2;
  std::vector<std::uint8_t> class_;
  std::vector<bool> early_; ///< computed (or provided) in the prologue
  std::vector<bool> output_;
  std::vector<NodeId> owner_;                       ///< the `if` a node is deferred into, or kNone
  std::unordered_map<NodeId, std::uint8_t> branch_; ///< deferred nodes: 1 = then, 2 = else
  std::unordered_map<NodeId, std::vector<NodeId>> deferred_;
  std::vector<std::uint32_t> scope_;
  std::unordered_map<std::uint32_t, std::vector<NodeId>> members_;
  std::unordered_map<std::uint32_t, NodeId> loops_;
  std::unordered_map<std::uint64_t, std::uint32_t> loop_vars_;
  std::unordered_map<NodeId, std::vector<std::uint32_t>> carried_regs_;
  std::unordered_map<std::uint64_t, std::uint8_t> carried_class_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> loop_ranges_;
  std::vector<std::pair<std::uint32_t, double>> constant_values_;
  std::vector<std::uint32_t> reg_;
  std::vector<VReg> vregs_;
  std::vector<std::uint32_t> out_vregs_;
};

} // namespace

Program compile(const ir::Graph& graph, std::span<const ir::NodeId> outputs,
                const CompileOptions& options) {
  return Compiler(graph, options).run(outputs);
}

} // namespace weft::vm
