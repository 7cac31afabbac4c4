/// \file
/// The result of lowering a program: the IR graph plus what the render graph and the backends
/// need around it — the environment, every strand with its root node, every sink with its
/// values, and the instance-level reads (which strands and owned nodes each definition reads
/// directly) that context tagging walks (LANGUAGE.md §7.1).
/// Implements: LANGUAGE.md §4, §7, §9. Tests: tests/ir/lower_test.cpp.
/// Real-time: no.
#pragma once

#include "io/image_file.h"
#include "ir/domain.h"
#include "ir/graph.h"
#include "lang/ast.h"
#include "patterns/pattern.h"

#include <cmath>
#include <map>
#include <memory>

#include <string>
#include <vector>

namespace weft::io {
struct SampleSet; // io/sample_bank.h
}

namespace weft::ir {

/// The environment after §4.1 (defaults applied, tempo rule resolved).
struct Environment {
  double width = 800;
  double height = 600;
  double fps = 60;
  double loop = 0;
  double bpm = 120;
  double cps = 0.5;
  double rate = 48000;
  double timesig_num = 4;
  double timesig_den = 4;
  bool rate_is_set = false; ///< live: request this rate from the device
  /// The value of an environment `me` field.
  double value(Coord f) const;
  /// `me@beat` and `me@measure` at `abstime` seconds, evaluated as §5.3 writes them (left to
  /// right): floor(abstime · bpm / 60) mod timesig_num and floor(abstime · bpm / 60 / timesig_num).
  double beat_at(double abstime) const {
    const double beats = std::floor(abstime * bpm / 60);
    return beats - timesig_num * std::floor(beats / timesig_num);
  }
  double measure_at(double abstime) const { return std::floor(abstime * bpm / 60 / timesig_num); }
};

/// What a definition reads directly: strands (by index into Module::strands) and owned nodes it
/// creates itself. Reads inside a referenced strand belong to that strand.
struct Reads {
  std::vector<std::uint32_t> strands;
  std::vector<NodeId> owned;
};

struct Strand {
  std::string instance;
  std::string name;
  lang::Span span;       ///< the output name in its defining statement
  std::uint32_t order;   ///< source order of the defining statement
  NodeId root = kNoNode; ///< value at the unremapped point; kNoNode if never lowered
  Reads reads;
  std::string label() const { return instance + "@" + name; }
};

/// One owned builtin instance — audio: stateful or hardware (`Op::Owned`); visual: `load` or
/// `camera` image reads (`Op::Sample`) — and the strands its arguments read: context tagging
/// continues into them with the owner's domain (§7.1). Visual reads have no arguments of their
/// own (they read me@x and me@y at the point).
struct OwnedSite {
  NodeId node = kNoNode;
  lang::Span span; ///< the call
  Domain owner = Domain::Audio;
  std::int32_t strand = -1; ///< the strand whose definition holds the call; -1 for a sink
  std::int32_t sink = -1;
  Reads argument_reads;
};

/// A value a sink consumes, named by its role: `r`, `g`, `b`, `a`, `left`, `right`, a column or
/// message argument name, or `value`.
struct SinkValue {
  std::string role;
  NodeId value = kNoNode;
  lang::Span span;
};

struct Sink {
  lang::SinkKind kind = lang::SinkKind::Display;
  Domain domain = Domain::Visual;
  lang::Span span;
  std::uint32_t ordinal = 0; ///< among sinks of the same kind, in source order
  std::vector<SinkValue> values;
  std::string path;      ///< `data`: the CSV path; `osc`: the address
  std::string host;      ///< `osc`
  std::string port_name; ///< `midi`
  double rows = 0;       ///< `data`
  double rate = 0;       ///< control tick rate or data row rate
  double port = 0;       ///< `osc`
  double channel = 1;    ///< `midi`
  double cc = -1;        ///< `midi` control change number; -1 for the note form
  Reads reads;
  std::string label() const;
};

struct Module {
  Graph graph;
  Environment env;
  std::vector<Strand> strands;
  std::vector<Sink> sinks;
  std::vector<OwnedSite> owned;
  /// The still images of `load`, decoded at compile time, by the string id of the path as written
  /// (`Op::Sample` nodes of `load` carry it in `aux`).
  std::map<std::uint32_t, std::shared_ptr<const io::Image>> images;
  /// The compiled mini-notation patterns of `pat` and `s` (LANGUAGE.md §8.10), parsed at compile
  /// time, by the string id of the pattern as written (Graph::intern of the decoded string):
  /// `pat`'s Call nodes carry it in `aux`; `s`'s Owned nodes have it as their last argument, a
  /// constant node whose value is the id. Only patterns without errors are here.
  std::map<std::uint32_t, std::shared_ptr<const patterns::Pattern>> patterns;
  /// The samples `s` patterns name (§8.10 *Sample bank*), resolved and decoded at compile time,
  /// by name.
  std::map<std::string, std::shared_ptr<const io::SampleSet>, std::less<>> samples;
  /// Index of `inst@s` in `strands`, or -1.
  std::int32_t find_strand(std::string_view instance, std::string_view strand) const;
};

} // namespace weft::ir
