// The VM's `load` lookup (ImageSample): the same value as io::sample_image in binary64 (rounded
// for float lanes) in every operand form and block size; channels by name; a masked `if` skips
// the lookup for unselected lanes; an image the caller did not decode is a compile error.
#include "io/image_file.h"
#include "ir/builtins/registry.h"
#include "ir/graph.h"
#include "vm/compile.h"
#include "vm/execute.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <vector>

namespace weft::vm {
namespace {

using ir::Coord;
using ir::NodeId;

std::shared_ptr<const io::Image> test_image() {
  auto image = std::make_shared<io::Image>();
  image->width = 3;
  image->height = 2;
  for (int k = 0; k < 6; ++k) {
    image->rgba.insert(image->rgba.end(), {k / 5.0, 1 - k / 5.0, k % 2 * 0.5, 0.25 + k * 0.1});
  }
  return image;
}

std::uint8_t channel_index(const ir::Builtin& load, std::string_view name) {
  for (std::size_t i = 0; i < load.channels.size(); ++i) {
    if (load.channels[i].name == name) return static_cast<std::uint8_t>(i);
  }
  ADD_FAILURE() << "no channel " << name;
  return 0;
}

template <class T> void check_lookup(std::uint32_t block) {
  ir::Graph g;
  const ir::Builtin& load = *ir::find_builtin("load");
  const std::uint32_t id = g.intern("pic.png");
  const NodeId x = g.coord(Coord::X);
  const NodeId y = g.coord(Coord::Y);
  const NodeId half = g.constant(0.5);
  static constexpr std::string_view kNames[] = {"r", "g", "b", "a", "luma"};
  std::vector<NodeId> outputs;
  for (std::string_view name : kNames)
    outputs.push_back(g.sample(load, id, channel_index(load, name), x, y));
  outputs.push_back(g.sample(load, id, channel_index(load, "r"), half, y));    // scalar u
  outputs.push_back(g.sample(load, id, channel_index(load, "g"), half, half)); // uniform

  std::map<std::uint32_t, std::shared_ptr<const io::Image>> images{{id, test_image()}};
  CompileOptions options;
  options.varying = ir::coord_bit(Coord::X) | ir::coord_bit(Coord::Y);
  options.block = block;
  options.images = &images;
  const Program program = compile(g, outputs, options);

  const std::size_t lanes = 200;
  std::vector<T> xs(lanes), ys(lanes);
  for (std::size_t i = 0; i < lanes; ++i) {
    xs[i] = static_cast<T>(-0.3 + 1.6 * static_cast<double>(i) / lanes);
    ys[i] = static_cast<T>(1.2 - 1.5 * static_cast<double>(i % 37) / 37);
  }
  std::vector<std::vector<T>> out(outputs.size(), std::vector<T>(lanes));
  std::vector<T*> out_ptrs;
  for (auto& o : out) out_ptrs.push_back(o.data());
  Inputs<T> in;
  in.coord_lanes[static_cast<int>(Coord::X)] = xs.data();
  in.coord_lanes[static_cast<int>(Coord::Y)] = ys.data();
  Workspace<T> ws;
  run<T>(program, in, Outputs<T>{out_ptrs}, lanes, ws);

  const io::Image& image = *images.at(id);
  for (std::size_t i = 0; i < lanes; ++i) {
    const double u = xs[i], v = ys[i];
    for (int c = 0; c < 5; ++c) {
      ASSERT_EQ(out[c][i], static_cast<T>(io::sample_image(image, c, u, v))) << c << " " << i;
    }
    ASSERT_EQ(out[5][i], static_cast<T>(io::sample_image(image, 0, 0.5, v)));
    ASSERT_EQ(out[6][i], static_cast<T>(io::sample_image(image, 1, 0.5, 0.5)));
  }
}

TEST(ImageSample, EqualsTheReferenceLookupInFloatAndDouble) {
  for (std::uint32_t block : {1U, 7U, 64U, 1024U}) {
    check_lookup<float>(block);
    check_lookup<double>(block);
  }
}

TEST(ImageSample, MaskedBranchSkipsTheLookup) {
  ir::Graph g;
  const ir::Builtin& load = *ir::find_builtin("load");
  const std::uint32_t id = g.intern("pic.png");
  const NodeId x = g.coord(Coord::X);
  const NodeId lookup = g.sample(load, id, channel_index(load, "r"), x, x);
  const NodeId cond[2] = {x, g.constant(0.25)};
  const NodeId less = g.op(ir::Op::Less, cond);
  const NodeId select[3] = {less, lookup, g.constant(-1)};
  const NodeId out = g.op(ir::Op::Select, select);
  std::map<std::uint32_t, std::shared_ptr<const io::Image>> images{{id, test_image()}};
  CompileOptions options;
  options.varying = ir::coord_bit(Coord::X);
  options.images = &images;
  const Program program = compile(g, std::span(&out, 1), options);
  std::vector<float> xs(100), result(100);
  for (std::size_t i = 0; i < xs.size(); ++i) xs[i] = static_cast<float>(i) / 100;
  Inputs<float> in;
  in.coord_lanes[static_cast<int>(Coord::X)] = xs.data();
  float* outs[1] = {result.data()};
  Workspace<float> ws;
  Stats stats;
  run<float>(program, in, Outputs<float>{outs}, xs.size(), ws, &stats);
  EXPECT_EQ(stats.expensive_lanes, 25U); // only the lanes with x < 0.25 sample the image
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const float want = xs[i] < 0.25F
                           ? static_cast<float>(io::sample_image(*images.at(id), 0, xs[i], xs[i]))
                           : -1.0F;
    EXPECT_EQ(result[i], want) << i;
  }
}

TEST(ImageSample, AnImageThatWasNotDecodedIsACompileError) {
  ir::Graph g;
  const ir::Builtin& load = *ir::find_builtin("load");
  const NodeId x = g.coord(Coord::X);
  const NodeId lookup = g.sample(load, g.intern("pic.png"), 0, x, x);
  EXPECT_THROW(compile(g, std::span(&lookup, 1), {}), CompileError);
  std::map<std::uint32_t, std::shared_ptr<const io::Image>> none;
  CompileOptions options;
  options.images = &none;
  EXPECT_THROW(compile(g, std::span(&lookup, 1), options), CompileError);
}

} // namespace
} // namespace weft::vm
