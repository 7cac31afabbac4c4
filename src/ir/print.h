/// \file
/// Text forms of IR values for people and tests: `add(mul(me@x, 2), 1)`. Shared subexpressions
/// are printed where they occur; nesting deeper than `max_depth` prints `…`, so printing never
/// recurses without bound.
/// Tests: tests/ir/lower_test.cpp.
/// Real-time: no.
#pragma once

#include "ir/graph.h"

#include <string>

namespace weft::ir {

std::string expression_text(const Graph& graph, NodeId node, int max_depth = 64);

} // namespace weft::ir
