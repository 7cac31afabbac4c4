/// \file
/// Private to the render graph (render_graph.cpp): groups the owned IR nodes of a module
/// (`Op::Owned`, `Op::Sample`) into owned builtin calls, one per call site: a stateful call is
/// one instance per (site, arguments) whatever the channel (LANGUAGE.md §8.0); an image lookup is
/// one resource per holding strand or sink whatever the coordinates it is read at. Also names
/// calls for people: `lpf@tone`, or `saw#1@y`, `saw#2@y` when a definition holds several.
/// Preconditions: a module from a program without errors. Not part of the public interface.
/// Implements: LANGUAGE.md §7.2, §8.0. Tests: tests/graph/render_graph_test.cpp.
/// Real-time: no.
#pragma once

#include "ir/module.h"

#include <cstdint>
#include <string>
#include <vector>

namespace weft::graph::detail {

/// Where an owned call is written: in the definition of a strand, or in a sink.
struct OwnedCallHolder {
  std::int32_t strand = -1;
  std::int32_t sink = -1;
  friend bool operator==(const OwnedCallHolder&, const OwnedCallHolder&) = default;
};

/// The owned IR nodes of one call site: its channels, and the copies remaps made.
struct OwnedCall {
  const ir::Builtin* builtin = nullptr;
  ir::Domain owner = ir::Domain::Audio;
  OwnedCallHolder holder;
  lang::Span span; ///< the call (the statement, for a call binding)
  std::vector<const ir::OwnedSite*> sites;
  std::int32_t merged_into_instance = -1; ///< set when the call is a whole instance
};

inline constexpr std::uint32_t kNoCall = 0xFFFFFFFFu;

struct OwnedCalls {
  std::vector<OwnedCall> calls;             ///< in order of their first site in Module::owned
  std::vector<std::uint32_t> call_of_value; ///< by IR node: its call, or kNoCall
};

OwnedCalls group_owned_calls(const ir::Module& module);

/// The instance name, or the sink label (`display#1`), that holds a call.
std::string holder_name(const ir::Module& module, const OwnedCallHolder& holder);

/// A name for every call not merged into an instance (empty for merged ones), by call index.
std::vector<std::string> name_owned_calls(const ir::Module& module,
                                          const std::vector<OwnedCall>& calls);

} // namespace weft::graph::detail
