// The noise lane kernels (src/vm/noise_lanes.h) against the scalar binary64 reference
// (ir::noise::improved, snoise, noise, fbm) bit for bit, NaNs included: millions of random
// coordinates from many ranges (small, around and on lattice points, across the 256 wrap,
// negative, huge up to DBL_MAX, subnormals, ±0, NaN, ±inf, random bit patterns), every lane
// count and offset the drivers distinguish, `out` aliasing an input, fbm over every octave count
// and unusual lacunarities and gains; then the VM's noise, snoise and fbm instructions in float
// and double lanes against the reference rounded to the lane type.
#include "vm/noise_lanes.h"

#include "ir/builtins/noise.h"
#include "ir/builtins/registry.h"
#include "ir/graph.h"
#include "vm/compile.h"
#include "vm/execute.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace weft::vm {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMax = std::numeric_limits<double>::max();
constexpr double kMinSub = std::numeric_limits<double>::denorm_min();
constexpr double kMinNormal = std::numeric_limits<double>::min();

template <class T> auto bits(T v) {
  if constexpr (sizeof(T) == 8) {
    return std::bit_cast<std::uint64_t>(v);
  } else {
    return std::bit_cast<std::uint32_t>(v);
  }
}

/// Coordinates of one kind, picked by `kind`.
class Coordinates {
public:
  explicit Coordinates(std::uint64_t seed) : rng_(seed) {}

  static constexpr int kKinds = 12;

  double next(int kind) {
    switch (kind) {
    case 0: // small
      return uniform(-4, 4);
    case 1: // across the 256 wrap of the lattice
      return uniform(-700, 700);
    case 2: { // on and next to lattice points
      const double k = std::floor(uniform(-600, 600));
      switch (rng_() % 6) {
      case 0:
        return k;
      case 1:
        return std::nextafter(k, kInf);
      case 2:
        return std::nextafter(k, -kInf);
      case 3:
        return k + uniform(-1e-12, 1e-12);
      case 4:
        return k + 0.5;
      default:
        return k == 0 ? -0.0 : k;
      }
    }
    case 3: // tiny and subnormal, either sign (x - floor(x) of a tiny negative rounds to 1)
    {
      const double tiny[] = {kMinSub, 2 * kMinSub, kMinNormal, 1e-300, 1e-17, 1e-200, 0x1p-53};
      const double v = tiny[rng_() % std::size(tiny)] * uniform(1, 2);
      return rng_() % 2 == 0 ? v : -v;
    }
    case 4: // around 1e9 and the int32 limits
    {
      const double centres[] = {1e9, 0x1p31, 0x1p32, 0x1p30 * 3};
      const double v = centres[rng_() % std::size(centres)] + uniform(-300, 300);
      return rng_() % 2 == 0 ? v : -v;
    }
    case 5: // where binary64 loses the fraction: 2^52, 1e17, up to 2^64
    {
      const double v = std::ldexp(uniform(1, 2), 50 + static_cast<int>(rng_() % 15));
      return rng_() % 2 == 0 ? v : -v;
    }
    case 6: // huge, up to DBL_MAX
    {
      const double huge[] = {1e17, 1e22, 1e100, 1e300, kMax, 0x1p1000};
      const double v = huge[rng_() % std::size(huge)] * (rng_() % 3 == 0 ? 1 : uniform(0.5, 1));
      return rng_() % 2 == 0 ? v : -v;
    }
    case 7: { // special values
      const double special[] = {0.0, -0.0, kNaN, -kNaN, kInf, -kInf, 1.0, -1.0, 255.0, 256.0};
      return special[rng_() % std::size(special)];
    }
    case 8: // random bit patterns: every exponent, NaN payloads
      return std::bit_cast<double>(rng_());
    case 9: // random magnitudes over the whole exponent range
      return std::ldexp(uniform(-1, 1), static_cast<int>(rng_() % 2100) - 1074);
    case 10: // binary32 values (what float lanes widen)
      return static_cast<double>(static_cast<float>(uniform(-1000, 1000)));
    default: // medium
      return uniform(-1e6, 1e6);
    }
  }

  /// A coordinate of a random kind, mostly ordinary ones.
  double any() {
    const int kind =
        rng_() % 4 == 0 ? static_cast<int>(rng_() % kKinds) : static_cast<int>(rng_() % 3);
    return next(kind);
  }

  std::mt19937_64& rng() { return rng_; }

private:
  double uniform(double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng_);
  }
  std::mt19937_64 rng_;
};

struct Lanes {
  std::vector<double> x, y, z;
};

/// `n` lanes, each coordinate drawn independently; `kind` < 0 mixes kinds.
Lanes make_lanes(Coordinates& c, std::size_t n, int kind) {
  Lanes l;
  for (std::size_t i = 0; i < n; ++i) {
    l.x.push_back(kind < 0 ? c.any() : c.next(kind));
    l.y.push_back(kind < 0 ? c.any() : c.next(kind));
    l.z.push_back(kind < 0 ? c.any() : c.next(kind));
  }
  return l;
}

using Kernel = void (*)(const double*, const double*, const double*, double*, std::size_t) noexcept;
using Reference = double (*)(double, double, double);

struct Function {
  const char* name;
  Kernel kernel;
  Reference reference;
};

double improved_reference(double x, double y, double z) {
  return ir::noise::improved(x, y, z);
}
double snoise_reference(double x, double y, double z) {
  return ir::noise::snoise(x, y, z);
}
double noise_reference(double x, double y, double z) {
  return ir::noise::noise(x, y, z);
}

constexpr Function kFunctions[] = {
    {"improved", improved_lanes, improved_reference},
    {"snoise", snoise_lanes, snoise_reference},
    {"noise", noise_lanes, noise_reference},
};

/// Runs `kernel` over `l` and compares every lane with `reference`; returns the mismatches.
template <class Run, class Ref>
std::size_t mismatches(const Lanes& l, Run run, Ref reference, const std::string& what) {
  const std::size_t n = l.x.size();
  std::vector<double> out(n + 1, -12345.0);
  run(l.x.data(), l.y.data(), l.z.data(), out.data(), n);
  std::size_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double want = reference(l.x[i], l.y[i], l.z[i]);
    if (bits(out[i]) != bits(want)) {
      if (++bad <= 5) {
        ADD_FAILURE() << what << " lane " << i << " (" << l.x[i] << ", " << l.y[i] << ", " << l.z[i]
                      << "): kernel " << out[i] << " (0x" << std::hex << bits(out[i])
                      << "), reference " << want << " (0x" << bits(want) << std::dec << ")";
      }
    }
  }
  EXPECT_EQ(out[n], -12345.0) << what << ": wrote past the last lane";
  return bad;
}

TEST(NoiseLanes, ImprovedSnoiseNoiseEqualTheReferenceOverEveryRange) {
  Coordinates c(1);
  for (int kind = -1; kind < Coordinates::kKinds; ++kind) {
    const Lanes l = make_lanes(c, kind < 0 ? 1'000'000 : 100'000, kind);
    for (const Function& f : kFunctions) {
      EXPECT_EQ(mismatches(l, f.kernel, f.reference,
                           std::string(f.name) + " kind " + std::to_string(kind)),
                0u);
    }
  }
}

TEST(NoiseLanes, EveryLatticeCellAndPermutationEntry) {
  // Every cell (X, Y, Z) in 0…255 reached as v, v - 256 and v + 2^40, at a fraction that makes
  // every gradient term nonzero: all 512 entries of the doubled permutation are read.
  Lanes l;
  for (int X = 0; X < 256; ++X) {
    for (int Y = 0; Y < 256; Y += 3) {
      for (double shift : {0.0, -256.0, 0x1p40, -0x1p33}) {
        l.x.push_back(X + shift + 0.3125);
        l.y.push_back(Y + shift + 0.71875);
        l.z.push_back(((X * 7 + Y * 13) & 255) + shift + 0.453125);
      }
    }
  }
  for (const Function& f : kFunctions) {
    EXPECT_EQ(mismatches(l, f.kernel, f.reference, f.name), 0u);
  }
}

TEST(NoiseLanes, EveryLaneCountOffsetAndAliasing) {
  Coordinates c(2);
  const Lanes all = make_lanes(c, 1100, -1);
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{63},
                        std::size_t{64}, std::size_t{65}, std::size_t{129}, std::size_t{1000}}) {
    for (std::size_t offset : {0, 1, 3, 7}) {
      const double* x = all.x.data() + offset;
      const double* y = all.y.data() + offset;
      const double* z = all.z.data() + offset;
      for (const Function& f : kFunctions) {
        std::vector<double> out(n + 3, -1.0);
        f.kernel(x, y, z, out.data() + 1, n); // unaligned output too
        for (std::size_t i = 0; i < n; ++i) {
          ASSERT_EQ(bits(out[i + 1]), bits(f.reference(x[i], y[i], z[i])))
              << f.name << " n " << n << " offset " << offset << " lane " << i;
        }
        EXPECT_EQ(out[0], -1.0);
        EXPECT_EQ(out[n + 1], -1.0);
        // out aliasing x (the VM may write a result over an operand's register).
        std::vector<double> alias(x, x + n);
        f.kernel(alias.data(), y, z, alias.data(), n);
        for (std::size_t i = 0; i < n; ++i) {
          ASSERT_EQ(bits(alias[i]), bits(f.reference(x[i], y[i], z[i])))
              << f.name << " aliased, n " << n << " lane " << i;
        }
      }
      std::vector<double> out(n), alias(z, z + n);
      fbm_lanes(x, y, z, out.data(), n, 5, 2.0, 0.5);
      fbm_lanes(x, y, alias.data(), alias.data(), n, 5, 2.0, 0.5);
      for (std::size_t i = 0; i < n; ++i) {
        const double want = ir::noise::fbm(x[i], y[i], z[i], 5, 2.0, 0.5);
        ASSERT_EQ(bits(out[i]), bits(want)) << "fbm n " << n << " lane " << i;
        ASSERT_EQ(bits(alias[i]), bits(want)) << "fbm aliased, n " << n << " lane " << i;
      }
    }
  }
}

TEST(NoiseLanes, FbmEqualsTheReferenceForEveryOctaveCountLacunarityAndGain) {
  Coordinates c(3);
  const Lanes mixed = make_lanes(c, 20'000, -1);
  const Lanes small = make_lanes(c, 20'000, 0);
  struct Params {
    double lacunarity, gain;
  };
  const Params params[] = {{2, 0.5},    {1.9, 0.37}, {2.5, 0.6},  {0, 0},       {1, 1},
                           {-2, -1.5},  {-1, -1},    {3, 1.25},   {1e200, 0.5}, {2, 1e300},
                           {kNaN, 0.5}, {2, kNaN},   {kInf, 0.5}, {2, kInf},    {2, -kInf},
                           {0.5, -0.0}, {1e-300, 2}, {-0.0, 0.5}};
  for (int octaves = ir::noise::kMinOctaves; octaves <= ir::noise::kMaxOctaves; ++octaves) {
    for (const Params& p : params) {
      if (octaves > 6 && (p.lacunarity != 2 || p.gain != 0.5)) continue;
      for (const Lanes* l : {&mixed, &small}) {
        const std::string what = "fbm octaves " + std::to_string(octaves) + " lacunarity " +
                                 std::to_string(p.lacunarity) + " gain " + std::to_string(p.gain);
        EXPECT_EQ(
            mismatches(
                *l,
                [&](const double* x, const double* y, const double* z, double* out, std::size_t n) {
                  fbm_lanes(x, y, z, out, n, octaves, p.lacunarity, p.gain);
                },
                [&](double x, double y, double z) {
                  return ir::noise::fbm(x, y, z, octaves, p.lacunarity, p.gain);
                },
                what),
            0u);
      }
    }
  }
  for (int octaves : {0, -1, ir::noise::kMaxOctaves + 1}) {
    EXPECT_EQ(
        mismatches(
            small,
            [&](const double* x, const double* y, const double* z, double* out, std::size_t n) {
              fbm_lanes(x, y, z, out, n, octaves, 2, 0.5);
            },
            [&](double x, double y, double z) { return ir::noise::fbm(x, y, z, octaves, 2, 0.5); },
            "fbm invalid octaves"),
        0u);
  }
}

// ---------------------------------------------------------------------------------------------
// The VM's instructions: unmasked varying (the kernels, chunked through binary64 for float
// lanes), scalar operands broadcast, uniform (the scalar reference) and masked lanes.

template <class T> struct VmCase { std::vector<T> x, y, t; };

template <class T> void check_vm(const ir::Builtin& b, std::uint32_t block) {
  Coordinates c(static_cast<std::uint64_t>(block) * 31 + sizeof(T));
  VmCase<T> d;
  for (int i = 0; i < 5000; ++i) {
    const int kind = i % 5 == 0 ? static_cast<int>(c.rng()() % Coordinates::kKinds) : 0;
    d.x.push_back(static_cast<T>(c.next(kind) * 3));
    d.y.push_back(static_cast<T>(c.next(kind) * 3));
    d.t.push_back(static_cast<T>(c.next(kind)));
  }
  ir::Graph g;
  const ir::NodeId x = g.coord(ir::Coord::X), y = g.coord(ir::Coord::Y);
  const ir::NodeId t = g.coord(ir::Coord::Time);
  const ir::NodeId k = g.constant(1.75);
  const ir::NodeId frame = g.coord(ir::Coord::Frame); // uniform: scalar instructions
  const bool fbm = b.name == "fbm";
  auto call = [&](ir::NodeId a0, ir::NodeId a1, ir::NodeId a2) {
    std::vector<ir::NodeId> args = {a0, a1, a2};
    if (fbm) {
      for (double v : {4.0, 2.0, 0.5}) args.push_back(g.constant(v));
    }
    return g.call(b, args);
  };
  const ir::NodeId masked_cond = g.binary(ir::Op::Less, x, g.constant(0.5));
  const std::vector<ir::NodeId> outs = {
      call(x, y, t),                                                     // all varying
      call(x, k, t),                                                     // a scalar operand
      call(frame, k, frame),                                             // uniform
      g.select(masked_cond, call(y, x, k), g.binary(ir::Op::Mul, x, k)), // masked
  };
  CompileOptions o;
  o.varying =
      ir::coord_bit(ir::Coord::X) | ir::coord_bit(ir::Coord::Y) | ir::coord_bit(ir::Coord::Time);
  o.block = block;
  const Program p = compile(g, outs, o);
  std::vector<std::vector<T>> out(outs.size(), std::vector<T>(d.x.size()));
  std::vector<T*> out_ptrs;
  for (auto& v : out) out_ptrs.push_back(v.data());
  Inputs<T> in;
  in.coord_lanes[static_cast<int>(ir::Coord::X)] = d.x.data();
  in.coord_lanes[static_cast<int>(ir::Coord::Y)] = d.y.data();
  in.coord_lanes[static_cast<int>(ir::Coord::Time)] = d.t.data();
  in.coords[static_cast<int>(ir::Coord::Frame)] = T(37.3);
  Outputs<T> o_lanes;
  o_lanes.lanes = out_ptrs;
  run<T>(p, in, o_lanes, d.x.size());
  auto ref = [&](double a0, double a1, double a2) {
    if (fbm) return ir::noise::fbm(a0, a1, a2, 4, 2.0, 0.5);
    return b.name == "noise" ? ir::noise::noise(a0, a1, a2) : ir::noise::snoise(a0, a1, a2);
  };
  std::size_t bad = 0;
  for (std::size_t i = 0; i < d.x.size(); ++i) {
    const double xi = d.x[i], yi = d.y[i], ti = d.t[i];
    const T want[4] = {
        static_cast<T>(ref(xi, yi, ti)),
        static_cast<T>(ref(xi, 1.75, ti)),
        static_cast<T>(ref(static_cast<double>(T(37.3)), 1.75, static_cast<double>(T(37.3)))),
        xi < 0.5 ? static_cast<T>(ref(yi, xi, 1.75)) : static_cast<T>(d.x[i] * T(1.75)),
    };
    for (std::size_t j = 0; j < outs.size(); ++j) {
      if (bits(out[j][i]) != bits(want[j]) && ++bad <= 5) {
        ADD_FAILURE() << b.name << " block " << block << " output " << j << " lane " << i << " ("
                      << d.x[i] << ", " << d.y[i] << ", " << d.t[i] << "): vm " << out[j][i]
                      << ", reference " << want[j];
      }
    }
  }
  EXPECT_EQ(bad, 0u) << b.name << " block " << block;
}

TEST(NoiseLanes, VmInstructionsEqualTheReferenceInFloatAndDoubleLanes) {
  for (const char* name : {"noise", "snoise", "fbm"}) {
    const ir::Builtin& b = *ir::find_builtin(name);
    for (std::uint32_t block : {1u, 7u, 64u, 1000u, 1024u}) {
      check_vm<float>(b, block);
      check_vm<double>(b, block);
    }
  }
}

} // namespace
} // namespace weft::vm
