// The VM against the binary64 constant folders (every operator and pure builtin, edge values),
// a differential test over random DAGs, block sizes, the frame-uniform / row-uniform / varying
// classes (bit-identical whatever the class), fused builtins, masked `if` branches and loops.
// Float lanes of sin, cos, tan, exp, log, atan2, hypot and pow are the binary32 kernels of
// vm/float_math.h (their accuracy: float_math_test.cpp); here they are within its ulp bound of the
// folders, and the reference evaluator uses the same kernels so that whole DAGs compare bit for
// bit.
#include "ir/builtins/noise.h"
#include "ir/builtins/registry.h"
#include "ir/graph.h"
#include "vm/compile.h"
#include "vm/execute.h"
#include "vm/float_math.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace weft::vm {
namespace {

using ir::Coord;
using ir::Graph;
using ir::NodeId;
using ir::Op;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

constexpr ir::CoordMask kXYT =
    ir::coord_bit(Coord::X) | ir::coord_bit(Coord::Y) | ir::coord_bit(Coord::Time);

template <class T> bool same(T a, T b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  return std::bit_cast<std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>>(a) ==
         std::bit_cast<std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>>(b);
}

/// Lanes for x, y, time and the program's outputs.
template <class T> struct Domain {
  std::vector<T> x, y, t;
  std::vector<std::vector<T>> out;
  std::vector<T*> out_ptrs;
  std::vector<const T*> ext_ptrs;

  void resize_outputs(std::size_t outputs) {
    out.assign(outputs, std::vector<T>(x.size() + 1, T(-12345)));
    out_ptrs.clear();
    for (auto& o : out) out_ptrs.push_back(o.data());
  }
  void run_program(const Program& p, std::size_t lanes, Stats* stats = nullptr, T frame = T(0)) {
    resize_outputs(p.outputs.size());
    Inputs<T> in;
    in.coord_lanes[static_cast<int>(Coord::X)] = x.data();
    in.coord_lanes[static_cast<int>(Coord::Y)] = y.data();
    in.coord_lanes[static_cast<int>(Coord::Time)] = t.data();
    in.coords[static_cast<int>(Coord::Frame)] = frame;
    in.externals = ext_ptrs;
    Outputs<T> out;
    out.lanes = out_ptrs;
    vm::run<T>(p, in, out, lanes, stats);
  }
};

const std::vector<double>& edge_values() {
  static const std::vector<double> v = {0.0,  -0.0,  1.0,    -1.0,  0.5,    -2.5,  2.5,   3.0,
                                        -7.0, 1e300, -1e300, 1e22,  1e-310, kInf,  -kInf, kNaN,
                                        0.25, 100.0, 69.0,   440.0, 1e6,    -3.75, 1e15,  7.5e8};
  return v;
}

/// All (a, b, c) combinations of the edge values as lanes (c cycles faster to keep it small).
template <class T> Domain<T> edge_domain() {
  Domain<T> d;
  const auto& v = edge_values();
  for (std::size_t i = 0; i < v.size(); ++i) {
    for (std::size_t j = 0; j < v.size(); ++j) {
      d.x.push_back(static_cast<T>(v[i]));
      d.y.push_back(static_cast<T>(v[j]));
      d.t.push_back(static_cast<T>(v[(i * 7 + j * 3) % v.size()]));
    }
  }
  return d;
}

/// The float lane kernel of a builtin (float_math.h), or null if it has none (`hypot` only with
/// two arguments: more go through the binary64 reference).
using FloatKernel1 = void (*)(const float*, float*, std::size_t) noexcept;
using FloatKernel2 = void (*)(const float*, const float*, float*, std::size_t) noexcept;
FloatKernel1 float_kernel1(std::string_view name) {
  return name == "sin"   ? sin_lanes
         : name == "cos" ? cos_lanes
         : name == "tan" ? tan_lanes
         : name == "exp" ? exp_lanes
         : name == "log" ? log_lanes
                         : nullptr;
}
FloatKernel2 float_kernel2(std::string_view name) {
  return name == "atan2"   ? atan2_lanes
         : name == "hypot" ? hypot_lanes
         : name == "pow"   ? pow_lanes
                           : nullptr;
}

/// The float semantics the VM documents: operators in binary32; sin, cos, tan, exp, log, atan2,
/// pow (and `^`) and two-argument hypot through the binary32 kernels; every other builtin via
/// binary64 rounded.
float float_reference(const Graph& g, NodeId id, std::span<const float> args) {
  const ir::Node& n = g.node(id);
  auto fmod_floored = [](float a, float b) {
    return b == 0.0f ? std::numeric_limits<float>::quiet_NaN() : a - b * std::floor(a / b);
  };
  if (n.op == Op::Mod) return fmod_floored(args[0], args[1]);
  if (n.op == Op::Call && n.builtin->name == "mod") return fmod_floored(args[0], args[1]);
  float r;
  if (n.op == Op::Pow) {
    pow_lanes(&args[0], &args[1], &r, 1);
    return r;
  }
  if (n.op == Op::Call && args.size() == 1 && float_kernel1(n.builtin->name)) {
    float_kernel1(n.builtin->name)(&args[0], &r, 1);
    return r;
  }
  if (n.op == Op::Call && args.size() == 2 && float_kernel2(n.builtin->name)) {
    float_kernel2(n.builtin->name)(&args[0], &args[1], &r, 1);
    return r;
  }
  std::vector<double> wide(args.begin(), args.end());
  if (n.op == Op::Call) return static_cast<float>(n.builtin->fold(wide));
  switch (n.op) {
  case Op::Add:
    return args[0] + args[1];
  case Op::Sub:
    return args[0] - args[1];
  case Op::Mul:
    return args[0] * args[1];
  case Op::Div:
    return args[0] / args[1];
  default:
    return static_cast<float>(ir::fold_operator(n.op, wide));
  }
}

double double_reference(const Graph& g, NodeId id, std::span<const double> args) {
  const ir::Node& n = g.node(id);
  if (n.op == Op::Call) return n.builtin->fold(args);
  return ir::fold_operator(n.op, args);
}

/// A plain recursive evaluator with memoisation for one lane.
template <class T> struct Reference {
  const Graph& g;
  T x, y, t;
  std::unordered_map<NodeId, T> memo;
  T eval(NodeId id) {
    auto it = memo.find(id);
    if (it != memo.end()) return it->second;
    const ir::Node& n = g.node(id);
    T r;
    if (n.op == Op::Constant) {
      r = static_cast<T>(n.value);
    } else if (n.op == Op::Coord) {
      const Coord c = static_cast<Coord>(n.aux);
      r = c == Coord::X ? x : c == Coord::Y ? y : t;
    } else {
      std::vector<T> args;
      for (NodeId a : g.args(id)) args.push_back(eval(a));
      if constexpr (sizeof(T) == 4) {
        r = float_reference(g, id, args);
      } else {
        r = double_reference(g, id, args);
      }
    }
    memo.emplace(id, r);
    return r;
  }
};

template <class T>
void expect_matches_reference(const Graph& g, std::span<const NodeId> outs, Domain<T>& d,
                              std::uint32_t block, const char* what) {
  CompileOptions o;
  o.varying = kXYT;
  o.block = block;
  const Program p = compile(g, outs, o);
  d.run_program(p, d.x.size());
  int failures = 0;
  for (std::size_t i = 0; i < d.x.size() && failures < 5; ++i) {
    Reference<T> ref{g, d.x[i], d.y[i], d.t[i], {}};
    for (std::size_t k = 0; k < outs.size(); ++k) {
      const T want = ref.eval(outs[k]);
      if (!same(d.out[k][i], want)) {
        ++failures;
        ADD_FAILURE() << what << " lane " << i << " (x=" << d.x[i] << ", y=" << d.y[i]
                      << ", t=" << d.t[i] << ") output " << k << ": vm " << d.out[k][i]
                      << ", reference " << want;
      }
    }
  }
  EXPECT_EQ(d.out[0][d.x.size()], T(-12345)) << "wrote past the last lane";
}

// ---------------------------------------------------------------------------------------------

template <class T> void check_every_operator_and_builtin() {
  Domain<T> d = edge_domain<T>();
  for (Op op : {Op::Neg, Op::Not, Op::Add, Op::Sub, Op::Mul, Op::Div, Op::Mod, Op::Pow, Op::Equal,
                Op::NotEqual, Op::Less, Op::Greater, Op::LessEqual, Op::GreaterEqual, Op::And,
                Op::Or, Op::Select}) {
    Graph g;
    const NodeId x = g.coord(Coord::X), y = g.coord(Coord::Y), t = g.coord(Coord::Time);
    const NodeId c = g.constant(2.5), z = g.constant(0);
    std::vector<NodeId> outs;
    const int arity = op == Op::Neg || op == Op::Not ? 1 : op == Op::Select ? 3 : 2;
    const NodeId a3[3] = {x, y, t};
    outs.push_back(g.op(op, std::span<const NodeId>(a3, arity)));
    if (arity == 2) {
      outs.push_back(g.binary(op, x, c)); // vector-scalar
      outs.push_back(g.binary(op, c, y)); // scalar-vector
      outs.push_back(g.binary(op, x, z)); // by zero
    }
    if (arity == 3) {
      const NodeId s1[3] = {x, c, z};
      outs.push_back(g.op(op, s1));
    }
    expect_matches_reference(g, outs, d, 64, ir::op_name(op).data());
  }
  for (const ir::Builtin& b : ir::all_builtins()) {
    if (b.fold == nullptr || b.is_owned() || b.has_channels()) continue;
    Graph g;
    const NodeId lanes[3] = {g.coord(Coord::X), g.coord(Coord::Y), g.coord(Coord::Time)};
    std::vector<NodeId> args;
    const std::size_t count = b.count_rule == ir::CountRuleKind::Variadic ? 3 : b.params.size();
    for (std::size_t k = 0; k < count; ++k) {
      const bool is_const = k < b.params.size() && b.params[k].kind == ir::ParamKind::Const;
      args.push_back(is_const ? g.constant(*b.params[k].default_value) : lanes[k % 3]);
    }
    std::vector<NodeId> outs{g.call(b, args)};
    expect_matches_reference(g, outs, d, 100, b.name.data());
  }
}

TEST(VmSemantics, EveryOperatorAndBuiltinMatchesTheFolderInDouble) {
  check_every_operator_and_builtin<double>();
}

TEST(VmSemantics, EveryOperatorAndBuiltinMatchesTheDocumentedFloatSemantics) {
  check_every_operator_and_builtin<float>();
}

/// Ulps between two floats (-0 and +0 apart only for the sign check below).
std::int64_t ulp_distance(float a, float b) {
  auto order = [](float f) {
    const std::int32_t i = std::bit_cast<std::int32_t>(f);
    return i < 0 ? -static_cast<std::int64_t>(i & 0x7fffffff) : std::int64_t{i};
  };
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b) ? 0 : 1 << 30;
  if (a == 0 && b == 0) return std::signbit(a) == std::signbit(b) ? 0 : 1 << 30;
  return std::llabs(order(a) - order(b));
}

TEST(VmSemantics, FloatTranscendentalsAreWithinOneUlpOfTheFolder) {
  // The VM's float lanes (kernels, vector and scalar operand forms) against the binary64 folder
  // rounded to binary32: at most 1 ulp, and exact on the special values of the edge domain.
  Domain<float> d = edge_domain<float>();
  std::mt19937 rng(17);
  std::uniform_real_distribution<float> unit(-10, 10);
  for (int i = 0; i < 4000; ++i) {
    d.x.push_back(unit(rng));
    d.y.push_back(unit(rng));
    d.t.push_back(unit(rng));
  }
  for (const char* name : {"sin", "cos", "tan", "exp", "log", "atan2", "hypot", "pow"}) {
    const ir::Builtin& b = *ir::find_builtin(name);
    Graph g;
    const NodeId x = g.coord(Coord::X), y = g.coord(Coord::Y), c = g.constant(2.5);
    const NodeId xy[2] = {x, y}, xc[2] = {x, c}, cy[2] = {c, y};
    const bool unary = b.params.size() == 1;
    std::vector<NodeId> outs;
    if (unary) {
      outs = {g.call(b, std::span<const NodeId>(&x, 1))};
    } else {
      outs = {g.call(b, xy), g.call(b, xc), g.call(b, cy)};
    }
    CompileOptions o;
    o.varying = kXYT;
    o.block = 256;
    d.run_program(compile(g, outs, o), d.x.size());
    for (std::size_t i = 0; i < d.x.size(); ++i) {
      const float a[3][2] = {{d.x[i], d.y[i]}, {d.x[i], 2.5f}, {2.5f, d.y[i]}};
      for (std::size_t k = 0; k < outs.size(); ++k) {
        const double wide[2] = {a[k][0], a[k][1]};
        const float want = static_cast<float>(b.fold(std::span<const double>(wide, unary ? 1 : 2)));
        ASSERT_LE(ulp_distance(d.out[k][i], want), 1)
            << name << " lane " << i << " (" << a[k][0] << ", " << a[k][1] << ") output " << k
            << ": vm " << d.out[k][i] << ", folder " << want;
      }
    }
  }
}

TEST(VmSemantics, DoubleLanesEqualTheFolderBitForBitOnEdgeCases) {
  // Spot checks against the folder directly (not the test's reference evaluator).
  Graph g;
  const NodeId x = g.coord(Coord::X), y = g.coord(Coord::Y);
  const NodeId outs[] = {g.binary(Op::Mod, x, y), g.binary(Op::Div, x, y),
                         g.call(*ir::find_builtin("sin"), std::span<const NodeId>(&x, 1))};
  Domain<double> d;
  d.x = {5, -5, 1, 0, 1e300, 1e22, kNaN, kInf};
  d.y = {0, 3, 0, 0, -3, 1, 2, 2};
  d.t = d.x;
  CompileOptions o;
  o.varying = kXYT;
  d.run_program(compile(g, outs, o), d.x.size());
  for (std::size_t i = 0; i < d.x.size(); ++i) {
    const double a[2] = {d.x[i], d.y[i]};
    EXPECT_TRUE(same(d.out[0][i], ir::fold_operator(Op::Mod, a))) << i;
    EXPECT_TRUE(same(d.out[1][i], d.x[i] / d.y[i])) << i;
    EXPECT_TRUE(same(d.out[2][i], std::sin(d.x[i]))) << i;
  }
  EXPECT_TRUE(std::isnan(d.out[0][0]));   // 5 % 0
  EXPECT_EQ(d.out[0][1], 1.0);            // -5 % 3
  EXPECT_EQ(d.out[1][2], kInf);           // 1 / 0
  EXPECT_TRUE(std::isnan(d.out[1][3]));   // 0 / 0
  EXPECT_EQ(d.out[2][5], std::sin(1e22)); // huge argument, exact reduction
  EXPECT_TRUE(std::isnan(d.out[2][7]));   // sin(inf)
}

// ---------------------------------------------------------------------------------------------
// Differential: random DAGs.

/// The same DAG compiled with x, y and time all varying (lanes) and with x varying, y row-uniform
/// and time frame-uniform gives the same lanes bit for bit (y constant per block, time constant).
template <class T>
void expect_classes_agree(const Graph& g, std::span<const NodeId> outs, const Domain<T>& base,
                          std::uint32_t block, int trial) {
  Domain<T> d = base;
  for (std::size_t i = 0; i < d.y.size(); ++i) d.y[i] = base.y[i - i % block];
  const T time = base.t[3];
  d.t.assign(d.x.size(), time);
  CompileOptions all;
  all.varying = kXYT;
  all.block = block;
  d.run_program(compile(g, outs, all), d.x.size());
  const std::vector<std::vector<T>> want = d.out;
  CompileOptions classes;
  classes.varying = ir::coord_bit(Coord::X);
  classes.row = ir::coord_bit(Coord::Y);
  classes.block = block;
  const Program p = compile(g, outs, classes);
  d.resize_outputs(p.outputs.size());
  Inputs<T> in;
  in.coord_lanes[static_cast<int>(Coord::X)] = d.x.data();
  in.coord_lanes[static_cast<int>(Coord::Y)] = d.y.data();
  in.coords[static_cast<int>(Coord::Time)] = time;
  Outputs<T> out;
  out.lanes = d.out_ptrs;
  run<T>(p, in, out, d.x.size());
  for (std::size_t k = 0; k < outs.size(); ++k) {
    for (std::size_t i = 0; i < d.x.size(); ++i) {
      if (!same(d.out[k][i], want[k][i])) {
        ADD_FAILURE() << "classes, random DAG " << trial << " output " << k << " lane " << i << ": "
                      << d.out[k][i] << " vs all-varying " << want[k][i];
        return;
      }
    }
  }
}

template <class T> void random_dags(unsigned seed, int count) {
  std::mt19937 rng(seed);
  std::vector<const ir::Builtin*> builtins;
  for (const ir::Builtin& b : ir::all_builtins()) {
    if (b.fold && !b.is_owned() && !b.has_channels() && b.name != "fbm") builtins.push_back(&b);
  }
  const Op ops[] = {Op::Neg,  Op::Not,     Op::Add,       Op::Sub,          Op::Mul,
                    Op::Div,  Op::Mod,     Op::Pow,       Op::Equal,        Op::NotEqual,
                    Op::Less, Op::Greater, Op::LessEqual, Op::GreaterEqual, Op::And,
                    Op::Or,   Op::Select,  Op::Add,       Op::Mul,          Op::Sub};
  Domain<T> d;
  std::uniform_real_distribution<double> unit(-2, 2);
  for (int i = 0; i < 203; ++i) {
    d.x.push_back(static_cast<T>(unit(rng)));
    d.y.push_back(static_cast<T>(unit(rng)));
    d.t.push_back(static_cast<T>(i % 5 == 0 ? 0 : unit(rng)));
  }
  d.x[0] = std::numeric_limits<T>::quiet_NaN();
  d.y[1] = std::numeric_limits<T>::infinity();
  for (int trial = 0; trial < count; ++trial) {
    Graph g;
    std::vector<NodeId> pool = {g.coord(Coord::X), g.coord(Coord::Y), g.coord(Coord::Time)};
    const int size = 4 + static_cast<int>(rng() % 40);
    auto pick = [&] {
      // Prefer recent nodes, so that DAGs get deep; sometimes a fresh constant.
      if (rng() % 6 == 0) {
        const double cs[] = {0, 1, -1, 0.5, 2, 3.25, 1e10, -0.0, 40, 0.125};
        return g.constant(cs[rng() % 10]);
      }
      const std::size_t n = pool.size();
      return pool[n - 1 - (rng() % std::min<std::size_t>(n, 8))];
    };
    for (int k = 0; k < size; ++k) {
      NodeId id;
      if (rng() % 4 == 0) {
        const ir::Builtin& b = *builtins[rng() % builtins.size()];
        std::vector<NodeId> args;
        const std::size_t n =
            b.count_rule == ir::CountRuleKind::Variadic ? 2 + rng() % 3 : b.params.size();
        for (std::size_t j = 0; j < n; ++j) args.push_back(pick());
        id = g.call(b, args);
      } else {
        const Op op = ops[rng() % std::size(ops)];
        const int arity = op == Op::Neg || op == Op::Not ? 1 : op == Op::Select ? 3 : 2;
        NodeId args[3] = {pick(), pick(), pick()};
        id = op == Op::Select ? g.select(args[0], args[1], args[2])
                              : g.op(op, std::span<const NodeId>(args, arity));
      }
      pool.push_back(id);
    }
    std::vector<NodeId> outs = {pool.back(), pool[pool.size() / 2], pool[pool.size() - 2]};
    const std::uint32_t blocks[] = {1, 7, 64, 256};
    expect_matches_reference(g, outs, d, blocks[trial % 4],
                             ("random DAG " + std::to_string(trial)).c_str());
    expect_classes_agree(g, outs, d, blocks[trial % 4], trial);
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(VmDifferential, RandomDagsDoubleBitForBit) {
  random_dags<double>(1234, 3000);
}

TEST(VmDifferential, RandomDagsFloatBitForBitWithTheDocumentedSemantics) {
  random_dags<float>(99, 3000);
}

// ---------------------------------------------------------------------------------------------
// Blocks and classification.

TEST(VmBlocks, BlockSizesAndPartialBlocksGiveTheSameLanes) {
  Graph g;
  const NodeId x = g.coord(Coord::X), y = g.coord(Coord::Y);
  const NodeId e = g.binary(Op::Add, g.binary(Op::Mul, x, g.constant(3)),
                            g.call(*ir::find_builtin("sin"), std::span<const NodeId>(&y, 1)));
  Domain<double> d;
  for (int i = 0; i < 1000; ++i) {
    d.x.push_back(i * 0.01);
    d.y.push_back(i * -0.003);
    d.t.push_back(0);
  }
  std::vector<double> first;
  for (std::uint32_t block : {1u, 7u, 256u, 1024u, 3000u}) {
    CompileOptions o;
    o.block = block;
    d.run_program(compile(g, std::span<const NodeId>(&e, 1), o), 1000);
    if (first.empty()) first = d.out[0];
    EXPECT_EQ(d.out[0], first) << block;
    EXPECT_EQ(d.out[0][1000], -12345.0);
  }
  // Empty and one-lane calls.
  CompileOptions o;
  d.run_program(compile(g, std::span<const NodeId>(&e, 1), o), 0);
  EXPECT_EQ(d.out[0][0], -12345.0);
  d.run_program(compile(g, std::span<const NodeId>(&e, 1), o), 1);
  EXPECT_EQ(d.out[0][0], first[0]);
  EXPECT_EQ(d.out[0][1], -12345.0);
}

TEST(VmBlocks, FrameUniformWorkRunsOncePerCallWhateverTheBlocks) {
  Graph g;
  const NodeId x = g.coord(Coord::X), t = g.coord(Coord::Time);
  // sin(time * 3) * 2 is uniform (three scalar instructions); adding x is one vector one.
  const NodeId tt = g.binary(Op::Mul, t, g.constant(3));
  const NodeId u = g.binary(
      Op::Mul, g.call(*ir::find_builtin("sin"), std::span<const NodeId>(&tt, 1)), g.constant(2));
  const NodeId e = g.binary(Op::Add, x, u);
  CompileOptions o; // visual: x and y vary, time is uniform
  o.block = 100;
  const Program p = compile(g, std::span<const NodeId>(&e, 1), o);
  Domain<float> d;
  d.x.assign(250, 0.5f);
  d.y.assign(250, 0);
  d.t.assign(250, 0);
  Stats stats;
  d.resize_outputs(1);
  Inputs<float> in;
  in.coord_lanes[static_cast<int>(Coord::X)] = d.x.data();
  in.coords[static_cast<int>(Coord::Time)] = 0.25f;
  Outputs<float> out;
  out.lanes = d.out_ptrs;
  run<float>(p, in, out, 250, &stats);
  EXPECT_EQ(stats.blocks, 3u);
  EXPECT_EQ(stats.scalar_instructions, 3u); // the prologue, once for the three blocks
  EXPECT_EQ(stats.prologue_instructions, 3u);
  EXPECT_EQ(stats.vector_instructions, 3u * 1u);
  EXPECT_EQ(p.prologue, 3u);
  // Ten times as many blocks: still three scalar instructions per call.
  Stats more;
  const Program small = compile(g, std::span<const NodeId>(&e, 1), CompileOptions{.block = 10});
  run<float>(small, in, out, 250, &more);
  EXPECT_EQ(more.blocks, 25u);
  EXPECT_EQ(more.scalar_instructions, 3u);
  EXPECT_EQ(more.vector_instructions, 25u);
  // sin(0.75) in float lanes: the binary32 kernel, within 1 ulp of the binary64 reference.
  float sine;
  const float arg = 0.75f;
  sin_lanes(&arg, &sine, 1);
  EXPECT_LE(std::fabs(sine - static_cast<float>(std::sin(0.75))), 0x1p-24f);
  const float want = 0.5f + sine * 2.0f;
  EXPECT_EQ(d.out[0][0], want);
  EXPECT_EQ(d.out[0][249], want);
}

TEST(VmBlocks, RowUniformWorkRunsOncePerBlockAsScalars) {
  // sin(y * 3) * 2 is row-uniform (three scalar instructions per block), time * 5 frame-uniform
  // (one in the prologue), x + both two vector instructions.
  Graph g;
  const NodeId x = g.coord(Coord::X), y = g.coord(Coord::Y), t = g.coord(Coord::Time);
  const NodeId yy = g.binary(Op::Mul, y, g.constant(3));
  const NodeId r = g.binary(
      Op::Mul, g.call(*ir::find_builtin("sin"), std::span<const NodeId>(&yy, 1)), g.constant(2));
  const NodeId e = g.binary(Op::Add, g.binary(Op::Add, x, r), g.binary(Op::Mul, t, g.constant(5)));
  CompileOptions o;
  o.varying = ir::coord_bit(Coord::X);
  o.row = ir::coord_bit(Coord::Y);
  o.block = 8;
  const Program p = compile(g, std::span<const NodeId>(&e, 1), o);
  Domain<double> d;
  for (int i = 0; i < 40; ++i) {
    d.x.push_back(i * 0.25);
    d.y.push_back(static_cast<double>(i / 8)); // one row per block
  }
  d.t.assign(40, 0);
  d.resize_outputs(1);
  Inputs<double> in;
  in.coord_lanes[static_cast<int>(Coord::X)] = d.x.data();
  in.coord_lanes[static_cast<int>(Coord::Y)] = d.y.data();
  in.coords[static_cast<int>(Coord::Time)] = 0.5;
  Outputs<double> out;
  out.lanes = d.out_ptrs;
  Stats stats;
  run<double>(p, in, out, 40, &stats);
  EXPECT_EQ(stats.blocks, 5u);
  EXPECT_EQ(stats.prologue_instructions, 1u);
  EXPECT_EQ(stats.scalar_instructions, 1u + 5u * 3u);
  EXPECT_EQ(stats.vector_instructions, 5u * 2u);
  for (int i = 0; i < 40; ++i) {
    EXPECT_EQ(d.out[0][i], (d.x[i] + std::sin(d.y[i] * 3) * 2) + 0.5 * 5) << i;
  }
  // A null row lane array: the row value is `coords` for the whole call (one row per call).
  in.coord_lanes[static_cast<int>(Coord::Y)] = nullptr;
  in.coords[static_cast<int>(Coord::Y)] = 3;
  run<double>(p, in, out, 40);
  EXPECT_EQ(d.out[0][0], (0 + std::sin(9.0) * 2) + 2.5);
}

TEST(VmBlocks, RegistersAreReusedAfterLastUse) {
  Graph g;
  NodeId e = g.coord(Coord::X);
  for (int i = 0; i < 200; ++i)
    e = g.binary(Op::Add, g.binary(Op::Mul, e, g.constant(1.5)), g.coord(Coord::Y));
  const Program p = compile(g, std::span<const NodeId>(&e, 1), {});
  EXPECT_LE(p.vector_registers, 2u);
}

// ---------------------------------------------------------------------------------------------
// Masked `if` branches and fused builtins.

TEST(VmMasked, AnExpensiveBranchRunsOnlyOverTheLanesThatSelectIt) {
  // if x < 0.05 then noise(x * 40, y * 7) + sin(x * 1000) else x * 2: the then-branch is
  // exclusive and expensive (noise, sin), selected by 5 lanes of 100; the else-branch is cheap.
  Graph g;
  const NodeId x = g.coord(Coord::X), y = g.coord(Coord::Y);
  const NodeId nargs[3] = {g.binary(Op::Mul, x, g.constant(40)),
                           g.binary(Op::Mul, y, g.constant(7)), g.constant(0)};
  const NodeId x1000 = g.binary(Op::Mul, x, g.constant(1000));
  const NodeId then =
      g.binary(Op::Add, g.call(*ir::find_builtin("noise"), nargs),
               g.call(*ir::find_builtin("sin"), std::span<const NodeId>(&x1000, 1)));
  const NodeId e =
      g.select(g.binary(Op::Less, x, g.constant(0.05)), then, g.binary(Op::Mul, x, g.constant(2)));
  for (int lane_type = 0; lane_type < 2; ++lane_type) {
    CompileOptions o;
    o.block = 32;
    const Program p = compile(g, std::span<const NodeId>(&e, 1), o);
    int masked = 0;
    for (const Instruction& ins : p.code) masked += ins.masked != 0 ? 1 : 0;
    EXPECT_EQ(masked, 2); // noise and sin
    Domain<double> dd;
    for (int i = 0; i < 100; ++i) {
      dd.x.push_back(i * 0.01);
      dd.y.push_back(i * 0.37);
    }
    dd.t.assign(100, 0);
    if (lane_type == 0) {
      Stats stats;
      dd.run_program(p, 100, &stats);
      EXPECT_EQ(stats.expensive_lanes, 2u * 5u);
      for (int i = 0; i < 100; ++i) {
        const double want =
            i < 5 ? ir::noise::noise(dd.x[i] * 40, dd.y[i] * 7, 0) + std::sin(dd.x[i] * 1000)
                  : dd.x[i] * 2;
        EXPECT_TRUE(same(dd.out[0][i], want)) << i;
      }
    } else {
      Domain<float> d;
      d.x.assign(dd.x.begin(), dd.x.end());
      d.y.assign(dd.y.begin(), dd.y.end());
      d.t.assign(100, 0);
      Stats stats;
      d.run_program(p, 100, &stats);
      EXPECT_EQ(stats.expensive_lanes, 2u * 5u);
      expect_matches_reference(g, std::span<const NodeId>(&e, 1), d, 32, "masked float");
    }
  }
  // The same graph where the branch is also an output is not masked (its lanes are all needed).
  const NodeId both[2] = {e, then};
  int masked = 0;
  for (const Instruction& ins : compile(g, both, {}).code) masked += ins.masked != 0 ? 1 : 0;
  EXPECT_EQ(masked, 0);
}

TEST(VmMasked, MaskedAndNestedBranchesMatchTheReference) {
  // Nested ifs with expensive branches on both sides, shared subexpressions and varying
  // conditions, checked lane by lane against the reference in both lane types.
  Graph g;
  const NodeId x = g.coord(Coord::X), y = g.coord(Coord::Y), t = g.coord(Coord::Time);
  const NodeId sx = g.call(*ir::find_builtin("sin"), std::span<const NodeId>(&x, 1));
  const NodeId ey = g.call(*ir::find_builtin("exp"), std::span<const NodeId>(&y, 1));
  const NodeId pw = g.binary(Op::Pow, ey, t);
  const NodeId a2[2] = {y, x};
  const NodeId at = g.call(*ir::find_builtin("atan2"), a2);
  const NodeId inner =
      g.select(g.binary(Op::Greater, y, g.constant(0)), pw, g.binary(Op::Add, at, sx));
  const NodeId outer =
      g.select(g.binary(Op::Less, x, g.constant(0.5)), inner, g.binary(Op::Mul, sx, g.constant(3)));
  const NodeId outs[1] = {outer};
  Domain<double> dd = edge_domain<double>();
  Domain<float> df = edge_domain<float>();
  for (std::uint32_t block : {1u, 7u, 64u}) {
    expect_matches_reference(g, outs, dd, block, "nested double");
    expect_matches_reference(g, outs, df, block, "nested float");
  }
}

TEST(VmFused, FbmWithAnInvalidOrVaryingOctaveCountMatchesTheFolder) {
  const ir::Builtin& fbm = *ir::find_builtin("fbm");
  Domain<double> d = edge_domain<double>();
  for (double octaves : {1.0, 4.0, 2.5, 0.0, 100.0}) {
    Graph g;
    const NodeId x = g.coord(Coord::X), y = g.coord(Coord::Y), t = g.coord(Coord::Time);
    const NodeId args[6] = {x, y, t, g.constant(octaves), g.constant(2), g.constant(0.5)};
    const NodeId varying_gain[6] = {x, y, g.constant(0), g.constant(octaves), g.constant(2), t};
    const NodeId outs[2] = {g.call(fbm, args), g.call(fbm, varying_gain)};
    expect_matches_reference(g, outs, d, 50, "fbm");
  }
}

// ---------------------------------------------------------------------------------------------
// Loops: acc = 1; for i in (1 to n) { acc *= 2 }; o = acc + i, with n = me@frame % 4.

struct LoopGraph {
  Graph g;
  NodeId out;
  explicit LoopGraph(NodeId (*bound)(Graph&)) {
    const NodeId n = bound(g);
    const NodeId index = g.loop_var(0, 0);
    const NodeId i = g.loop_var(0, 1);   // carried 0: i (as the lowering carries it)
    const NodeId acc = g.loop_var(0, 2); // carried 1: acc
    (void)i;
    const NodeId initial[2] = {g.constant(0), g.constant(1)};
    const NodeId next[2] = {index, g.binary(Op::Mul, acc, g.constant(2))};
    const NodeId loop = g.loop(0, g.constant(1), n, initial, next);
    out = g.binary(Op::Add, g.loop_result(loop, 1), g.loop_result(loop, 0));
  }
};

TEST(VmLoops, RuntimeLoopOverAUniformBound) {
  LoopGraph lg([](Graph& g) { return g.binary(Op::Mod, g.coord(Coord::Frame), g.constant(4)); });
  const Program p = compile(lg.g, std::span<const NodeId>(&lg.out, 1), {});
  Domain<float> d;
  d.x.assign(5, 0);
  d.y.assign(5, 0);
  d.t.assign(5, 0);
  // n = 0: from 1 to 0 runs twice (1, 0): acc = 4, i = 0 → 4. n = 1: once → 2 + 1 = 3.
  // n = 2: 1, 2 → 4 + 2 = 6. n = 3: 8 + 3 = 11.
  const float want[] = {4, 3, 6, 11, 4, 3};
  for (int frame = 0; frame < 6; ++frame) {
    d.run_program(p, 5, nullptr, static_cast<float>(frame));
    for (int i = 0; i < 5; ++i) EXPECT_EQ(d.out[0][i], want[frame]) << frame;
  }
}

TEST(VmLoops, VaryingCarriedValuesAndTheTripCap) {
  // acc starts at x (varying); n = frame (uniform, huge: capped at 4096 iterations).
  Graph g;
  const NodeId index = g.loop_var(0, 0);
  const NodeId acc = g.loop_var(0, 1);
  const NodeId initial[1] = {g.coord(Coord::X)};
  const NodeId next[1] = {g.binary(Op::Add, acc, g.binary(Op::Mul, index, g.constant(0)))};
  (void)next;
  const NodeId counted[1] = {g.binary(Op::Add, acc, g.constant(1))};
  const NodeId loop = g.loop(0, g.constant(1), g.coord(Coord::Frame), initial, counted);
  const NodeId out = g.loop_result(loop, 0);
  const Program p = compile(g, std::span<const NodeId>(&out, 1), {});
  Domain<double> d;
  d.x = {0, 10, 20};
  d.y = d.t = {0, 0, 0};
  d.run_program(p, 3, nullptr, 1e9);
  EXPECT_EQ(d.out[0][0], 4096);
  EXPECT_EQ(d.out[0][2], 4116);
  d.run_program(p, 3, nullptr, 3);
  EXPECT_EQ(d.out[0][1], 13);
  d.run_program(p, 3, nullptr, kNaN); // non-finite bound counts as 0: 1 to 0, two trips
  EXPECT_EQ(d.out[0][1], 12);
  d.run_program(p, 3, nullptr, -kInf);
  EXPECT_EQ(d.out[0][1], 12);
}

TEST(VmLoops, VaryingLoopBoundsAreRejected) {
  LoopGraph lg([](Graph& g) { return g.coord(Coord::X); });
  EXPECT_THROW(compile(lg.g, std::span<const NodeId>(&lg.out, 1), {}), CompileError);
}

} // namespace
} // namespace weft::vm
