/// \file
/// The bytecode of the block-vectorised register VM: a flat list of instructions over two
/// register files, scalar registers (uniform values, one number) and vector registers (varying
/// values, one number per lane of a block), plus the program's inputs and outputs.
/// Produced by compile.h from an IR cone; run by execute.h. Instructions appear in dependency
/// order; loops are a LoopBegin … LoopEnd bracket whose body runs trip-count times. The first
/// `Program::prologue` instructions compute the frame-uniform values once per `run` call; the
/// rest run once per block (row-uniform ones as scalars, varying ones as lane loops). A vector
/// instruction may be masked: it then computes only the lanes that its `if` branch selects.
/// Implements: ARCHITECTURE.md §4 (tier 1). Tests: tests/vm/vm_test.cpp.
/// Real-time: the Program is plain data; building it (compile.h) allocates.
#pragma once

#include "io/image_file.h"
#include "ir/builtins/builtin.h"
#include "ir/coordinate.h"
#include "ir/graph.h"
#include "patterns/pattern.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace weft::vm {

/// The largest number of iterations one run-time loop executes (ir::kMaxLoopTrips).
inline constexpr std::uint32_t kMaxLoopTrips = 4096;

enum class Opcode : std::uint8_t {
  Move, ///< a0
  Neg,
  Not,
  Add,
  Sub,
  Mul,
  Div,
  Mod, ///< floored modulo, NaN when b = 0 (§3.4 `%` and `mod`)
  Equal,
  NotEqual,
  Less,
  Greater,
  LessEqual,
  GreaterEqual,
  And,
  Or,
  Select, ///< a0 ? a1 : a2 (truth of a0)
  // Builtins with a dedicated lane loop (same values as the binary64 folders).
  Abs,
  Floor,
  Ceil,
  Sqrt,
  Fract,
  Sin,
  Cos,
  Min,  ///< binary; variadic calls are chains, in argument order, as the folder does
  Max,  ///< binary
  Step, ///< a0 = edge, a1 = x
  Mix,  ///< a0 + (a1 - a0) * a2, computed in binary64
  // Fused builtins: a dedicated lane loop calling the binary64 reference (math.h, noise.h)
  // directly, rounded to the lane type, instead of `Call`'s per-lane dispatch.
  Clamp,      ///< math::clamp(a0, a1, a2)
  Smoothstep, ///< math::smoothstep(a0, a1, a2)
  Sign,       ///< math::sign
  Round,      ///< math::round
  Hypot,      ///< math::hypot of (a0, a1)
  Atan2,      ///< math::atan2(a0 = y, a1 = x)
  Pow,        ///< math::pow (also the `^` operator)
  Exp,        ///< std::exp
  Log,        ///< std::log
  Tan,        ///< std::tan
  Noise,      ///< noise::noise(a0, a1, a2)
  Snoise,     ///< noise::snoise(a0, a1, a2)
  /// `fbm(a0, a1, a2, octaves, lacunarity, gain)`: the last three are scalar operands at
  /// `call_args[first_arg …]`, checked as the folder does (NaN for an invalid octave count).
  Fbm,
  /// `load` lookup (LANGUAGE.md §8.5): `io::sample_image(*images[aux], first_arg, a0 = u,
  /// a1 = v)` in binary64, rounded to the lane type; `first_arg` is the io::ImageChannel.
  ImageSample,
  /// A history read (LANGUAGE.md §7.4): `Inputs::histories[aux]` at time a0 (binary64), seeing
  /// the samples up to Inputs::history_newest + Inputs::history_lane_step × (the lane's index in
  /// the `run` call). From `History` nodes: a stateful audio output read at a remapped time.
  HistoryRead,
  /// A frame read (LANGUAGE.md §7.4, §8.5): `Inputs::frames[aux]` at (a0 = u, a1 = v) in
  /// binary64, rounded to the lane type. From `camera` Samples: a visual-owned hardware output,
  /// read as its latest completed frame.
  FrameSample,
  /// `pat` (LANGUAGE.md §8.10): channel `first_arg` (0 value, 1 gate) of `pattern_reads[aux]` at
  /// cycle position C = a0 · cps, or, for an unremapped `me@time`, C from the caller's counter
  /// (Inputs::clock_*), exactly when the fraction fits.
  PatternRead,
  /// Any other pure builtin: `builtin->fold` per lane on the arguments in binary64, rounded to
  /// the lane type. Arguments: `arg_count` operands from `first_arg` in `Program::call_args`.
  Call,
  /// Starts a loop: scalar `a0` = from, `a1` = to; `dst` = the index register (scalar); `aux` =
  /// the index of the matching LoopEnd. Copies nothing: the initial values are Moves before it.
  LoopBegin,
  /// Ends a loop (`dst` = the index register): copies the `arg_count` (next → carried) pairs from
  /// `call_args` (`first_arg`: next values, `first_arg + arg_count`: carried registers), steps the
  /// index and jumps back to `aux` + 1 while iterations remain.
  LoopEnd,
};

/// Instructions worth skipping for lanes an `if` does not select (masked evaluation), and counted
/// by Stats::expensive_lanes: transcendental, noise and generic builtin calls.
inline bool is_expensive(Opcode op) {
  switch (op) {
  case Opcode::Sin:
  case Opcode::Cos:
  case Opcode::Tan:
  case Opcode::Exp:
  case Opcode::Log:
  case Opcode::Pow:
  case Opcode::Atan2:
  case Opcode::Noise:
  case Opcode::Snoise:
  case Opcode::Fbm:
  case Opcode::ImageSample:
  case Opcode::HistoryRead:
  case Opcode::FrameSample:
  case Opcode::PatternRead:
  case Opcode::Call:
    return true;
  default:
    return false;
  }
}

/// Where an operand lives: a scalar register, or a vector register / input lane array.
struct Operand {
  std::uint32_t index = 0;
  bool vector = false;
};

struct Instruction {
  Opcode op = Opcode::Move;
  Operand dst;
  Operand a[3];
  std::uint32_t first_arg = 0; ///< Call and LoopEnd: first entry in `Program::call_args`
  std::uint32_t arg_count = 0;
  std::uint32_t aux = 0; ///< LoopBegin/LoopEnd: the partner instruction; ImageSample: image;
                         ///< HistoryRead: history; FrameSample: frame
  const ir::Builtin* builtin = nullptr; ///< Call
  /// Masked evaluation (vector instructions only): 0 = every lane; 1 = only the lanes where
  /// vector operand `mask` is true (an `if`'s then-branch); 2 = only those where it is false (the
  /// else-branch). The other lanes of `dst` are left unspecified: only the `if` reads them, and
  /// it takes the other branch there.
  std::uint8_t masked = 0;
  Operand mask;
  /// Whether the instruction writes a vector register (runs a lane loop) or a scalar one.
  bool is_vector() const noexcept { return dst.vector; }
};

/// A `pat` call the program evaluates (PatternRead's `aux` indexes them).
struct PatternRead {
  std::shared_ptr<const patterns::Pattern> pattern;
  exact::Rational legato{9, 10};
  /// Its time is the unremapped `me@time`: C comes from the caller's counter (§8.10).
  bool clocked = false;
  /// Its slice of Workspace::pattern_events: the events of the last cycle it queried, kept
  /// while the lanes stay in that cycle (a pattern is immutable).
  std::size_t first_event = 0;
  std::size_t events = 0;
};

/// One value the caller provides.
enum class InputKind : std::uint8_t {
  Coord,    ///< `me@field`; `field` = ir::Coord
  Mouse,    ///< `mouse@field` (always uniform); `field` = ir::MouseCoord
  External, ///< an owned node (or a pure call without folder): lanes
};

struct Input {
  InputKind kind = InputKind::Coord;
  std::uint32_t field = 0;    ///< Coord / Mouse field
  std::uint32_t external = 0; ///< External: index into `Program::externals`
  Operand reg;                ///< scalar register, or vector input slot (see Program)
};

struct Program {
  std::vector<Instruction> code;
  std::vector<Operand> call_args;
  /// Scalar registers preloaded with constants: (register, value in binary64).
  std::vector<std::pair<std::uint32_t, double>> constants;
  std::vector<Input> inputs;
  /// The IR nodes the caller provides per lane (Owned, pure calls without a folder), in
  /// `Inputs::externals` order.
  std::vector<ir::NodeId> externals;
  /// The owned IR nodes whose histories HistoryRead reads (`aux` indexes them), in
  /// `Inputs::histories` order.
  std::vector<ir::NodeId> histories;
  /// The `camera` Sample nodes whose frames FrameSample reads (`aux` indexes them), in
  /// `Inputs::frames` order.
  std::vector<ir::NodeId> frames;
  /// The `pat` calls, and the tempo their cycle positions use (me<cps>, exactly when it fits).
  std::vector<PatternRead> pattern_reads;
  double cps = 0.5;
  std::optional<exact::Rational> exact_cps;
  /// The events the pattern reads keep (the sum of their slices).
  std::size_t pattern_events = 0;
  /// The still images `ImageSample` reads (`aux` indexes them); shared with the module.
  std::vector<std::shared_ptr<const io::Image>> images;
  /// One per requested output, in order: the register holding its value.
  std::vector<Operand> outputs;
  std::uint32_t scalar_registers = 0;
  /// Vector scratch registers are 0 … vector_registers - 1; vector input slots follow them
  /// (vector operand index `vector_registers + k` is input lane array slot k).
  std::uint32_t vector_registers = 0;
  std::uint32_t vector_inputs = 0;
  std::uint32_t loop_count = 0; ///< LoopBegin's `first_arg` numbers the loops
  std::uint32_t block = 1024;   ///< lanes per vector register
  /// The `me` fields that vary per lane (as the caller provides them).
  ir::CoordMask varying = 0;
  /// The `me` fields constant within a block but not within a call (row-uniform).
  ir::CoordMask row = 0;
  /// `code[0, prologue)` is the frame-uniform prologue, run once per `run` call before the
  /// blocks (scalar instructions only, no loops); `code[prologue, …)` runs once per block.
  std::uint32_t prologue = 0;
};

} // namespace weft::vm
