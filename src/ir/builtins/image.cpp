// [lib.image] (LANGUAGE.md §8.5): still images (an immutable resource read at compile time) and
// the camera (visual-owned hardware). Both are looked up at (me@x, me@y).
#include "ir/builtins/builtin_internal.h"

namespace weft::ir::detail {

namespace {

Builtin image_builtin(std::string_view name, std::string_view doc) {
  Builtin b;
  b.name = name;
  b.family = "lib.image";
  b.section = "§8.5";
  b.owner = BuiltinOwner::Visual;
  b.channels = {channel("r", "red"), channel("g", "green"), channel("b", "blue"),
                channel("a", "alpha")};
  b.implicit_fields = {"x", "y"};
  b.range = OutputRange{0, 1};
  b.doc = doc;
  return b;
}

} // namespace

void register_image_builtins(std::vector<Builtin>& table) {
  Builtin load = image_builtin("load", "a still image, read when the program is compiled");
  load.nature = BuiltinNature::Resource;
  load.params = {string("path")};
  load.channels.push_back(channel("width"));
  load.channels.push_back(channel("height"));
  load.range.reset(); // width and height are pixel counts
  load.channels.push_back(unpositioned("luma"));
  load.default_channel = load.channels.size() - 1;
  table.push_back(std::move(load));

  Builtin camera = image_builtin("camera", "the latest frame of the default camera");
  camera.nature = BuiltinNature::Hardware;
  camera.channels.push_back(unpositioned("luma"));
  camera.default_channel = camera.channels.size() - 1;
  table.push_back(std::move(camera));
}

} // namespace weft::ir::detail
