#include "ir/print.h"

#include "ir/builtins/value_range.h"

#include <fmt/format.h>

namespace weft::ir {

namespace {

std::string mouse_name(std::uint32_t aux) {
  static constexpr std::string_view kNames[] = {"x", "y", "down"};
  return std::string(kNames[aux < 3 ? aux : 0]);
}

void append(const Graph& g, NodeId id, int depth, std::string& out) {
  const Node& n = g.node(id);
  if (depth <= 0) {
    out += "…";
    return;
  }
  auto args = [&](std::size_t from = 0) {
    out += '(';
    auto list = g.args(n);
    for (std::size_t i = from; i < list.size(); ++i) {
      if (i > from) out += ", ";
      append(g, list[i], depth - 1, out);
    }
    out += ')';
  };
  switch (n.op) {
  case Op::Constant:
    out += n.poisoned ? "<error>" : format_number(n.value);
    return;
  case Op::Coord:
    out += fmt::format("me@{}", coord_name(static_cast<Coord>(n.aux)));
    return;
  case Op::Mouse:
    out += "mouse@" + mouse_name(n.aux);
    return;
  case Op::Call:
    out += n.builtin->name;
    if (n.builtin->has_channels()) out += fmt::format(".{}", n.builtin->channels[n.channel].name);
    if (n.aux) out += fmt::format("[\"{}\"]", g.string(n.aux));
    args();
    return;
  case Op::Owned:
    out += fmt::format("{}#{:08x}", n.builtin->name, n.aux);
    if (n.builtin->has_channels()) out += fmt::format(".{}", n.builtin->channels[n.channel].name);
    args();
    return;
  case Op::Sample:
    out += fmt::format("{}[\"{}\"].{}", n.builtin->name, g.string(n.aux),
                       n.builtin->channels[n.channel].name);
    args();
    return;
  case Op::LoopVar:
    out += n.value == 0 ? fmt::format("index#{}", n.aux)
                        : fmt::format("carried#{}.{}", n.aux, n.value - 1);
    return;
  case Op::LoopResult:
    out += fmt::format("result.{}", n.value);
    args();
    return;
  default:
    out += op_name(n.op);
    args();
    return;
  }
}

} // namespace

std::string expression_text(const Graph& graph, NodeId node, int max_depth) {
  std::string out;
  append(graph, node, max_depth, out);
  return out;
}

} // namespace weft::ir
