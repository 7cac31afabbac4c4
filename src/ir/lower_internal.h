/// \file
/// Private to the lowering (src/ir/lower*.cpp): the declarations table and the `Lowerer`
/// class whose member functions are spread over lower.cpp (driver, declarations, environment),
/// lower_expr.cpp (expressions, spindles, remaps) and lower_sinks.cpp (sinks).
/// Not part of the public interface.
#pragma once

#include "io/image_file.h"
#include "io/sample_bank.h"
#include "ir/builtins/registry.h"
#include "ir/lower.h"

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace weft::ir::detail {

using SubstId = std::uint32_t;

/// FNV-1a, 32 bits: stateful-site keys (§8.6 stream keys) from names and occurrence indices.
inline std::uint32_t site_hash(std::uint32_t h, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) {
    h ^= (v >> (8 * i)) & 0xFF;
    h *= 16777619u;
  }
  return h;
}
inline std::uint32_t site_hash(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

/// A substitution of `me` fields (§6): kNoNode means "unchanged".
struct Subst {
  std::array<NodeId, kCoordCount> value;
  Subst() { value.fill(kNoNode); }
  bool operator==(const Subst&) const = default;
};

/// How a strand is defined (§4.2–§4.4).
struct Definition {
  enum class Form { Expr, SpindleCall, BuiltinCall };
  Form form = Form::Expr;
  const lang::Expr* expr = nullptr;   ///< Form::Expr: the defining expression
  std::string broadcast;              ///< bare instance names v stand for v@broadcast
  const lang::Word* callee = nullptr; ///< call forms
  const std::vector<lang::Arg>* args = nullptr;
  std::uint32_t output = 0; ///< spindle output position or builtin channel index
  int item = -1;            ///< multi-call: which of the N calls
  std::uint32_t group = 0;  ///< strands made by the same call statement share one call
  lang::Span statement;     ///< where output-count and arity errors of the call go
};

struct StrandDecl {
  std::uint32_t instance = 0;
  std::string name;
  lang::Span span;
  Definition def;
};

struct InstanceDecl {
  std::string name;
  std::vector<std::uint32_t> strands;
  std::map<std::string, std::uint32_t, std::less<>> by_name;
  bool failed = false; ///< a statement defining it failed to parse: every strand exists (§10.3)
};

/// One definition being lowered (a strand, a sink or a spindle body): its stateful-site path
/// (§8.6 stream keys) and the reads it records.
struct Frame {
  std::vector<std::uint32_t> path;
  std::uint32_t calls = 0;
  std::uint32_t stateful = 0;
  Reads* reads = nullptr;
  std::int32_t strand = -1; ///< the strand being defined, or -1
  std::int32_t sink = -1;   ///< the sink being lowered, or -1
};

/// Everything that decides what a name or a coordinate means at one point of lowering.
struct Scope {
  SubstId subst = 0;
  const std::string* broadcast = nullptr;
  std::unordered_map<std::string, NodeId>* locals = nullptr; ///< inside a spindle body
  const std::unordered_set<std::string>* assigned = nullptr; ///< names the body ever assigns
  const std::unordered_set<std::string>* outputs = nullptr;  ///< the spindle's outputs
  int item = -1;      ///< multi-call: bundle arguments pick this item
  int loop_depth = 0; ///< unrolled loops around this point
  Frame* frame = nullptr;
  /// Set while evaluating an environment setting: the settings being evaluated (cycle check);
  /// only compile-time constants are allowed then (§4.1).
  std::vector<Coord>* env_stack = nullptr;
  const lang::EnvStmt* env_stmt = nullptr;
};

class Lowerer {
public:
  Lowerer(const lang::Program& program, lang::Diagnostics& diags,
          const EnvironmentOverrides& overrides)
      : program_(program), diags_(diags), overrides_(overrides) {
    substs_.emplace_back();
  }
  Module run();

private:
  // --- declarations (lower.cpp)
  void collect_spindles();
  void collect_statements();
  void declare_strands(const lang::Word& instance, const std::vector<lang::Word>& outputs,
                       const std::vector<Definition>& defs, bool failed);
  void check_uncalled_spindles();
  void declare_binding(const lang::BindingStmt& b);
  void declare_call_binding(const lang::Word& callee, const std::vector<lang::Arg>& args,
                            const lang::Word& instance, const std::vector<lang::Word>& outputs,
                            lang::Span statement, const lang::Expr* whole);
  void declare_multi_call(const lang::MultiCallStmt& m);
  void warn_unassigned_outputs(const lang::SpindleStmt& s);
  void check_recursion();
  void evaluate_environment();
  std::optional<double> evaluate_env_field(Coord field, std::vector<Coord>& stack);
  std::vector<std::uint32_t> lowering_order();
  void collect_refs(const lang::Expr& e, const std::string* broadcast,
                    std::vector<std::uint32_t>& out, std::unordered_set<const void*>& seen);

  // --- expressions (lower_expr.cpp)
  NodeId lower_strand(std::uint32_t strand, Scope& scope, const lang::Span& at);
  NodeId lower_definition(std::uint32_t strand, SubstId subst);
  std::vector<NodeId> lower_spindle_call(const lang::SpindleStmt& s,
                                         const std::vector<lang::Arg>& args, const lang::Span& at,
                                         Scope& scope, const std::string* arg_broadcast);
  NodeId lower_builtin_call(const Builtin& b, const lang::Word& callee,
                            const std::vector<lang::Arg>& args, std::size_t channel, Scope& scope,
                            const lang::Span& at);
  const io::Image* resource_image(const std::string& written, const lang::Span& at);
  bool resolve_samples(const patterns::Pattern& pattern, const lang::Span& literal);
  void record_owned(NodeId node, Domain owner, const lang::Span& at, Scope& scope, OwnedSite site);
  NodeId lower_expr(const lang::Expr& e, Scope& scope);
  NodeId lower_name(const lang::NameExpr& n, Scope& scope);
  NodeId lower_field(const lang::FieldExpr& f, Scope& scope);
  NodeId lower_strand_access(const lang::StrandExpr& s, Scope& scope);
  NodeId lower_call(const lang::CallExpr& c, Scope& scope);
  NodeId lower_chain(const lang::ChainExpr& c, Scope& scope);
  NodeId lower_arg(const lang::Expr& e, Scope& scope);
  void run_body(const std::vector<lang::BodyStmt*>& body, Scope& scope);
  void run_for(const lang::ForStmt& f, Scope& scope);
  void lower_runtime_loop(const lang::ForStmt& f, NodeId from, NodeId to, Scope& scope);
  void check_loop_bounds(const Sink& sink);
  NodeId coordinate(Coord field, SubstId subst);
  SubstId intern_subst(const Subst& s);
  std::uint32_t site_key(const Frame& frame, std::uint32_t occurrence) const;
  std::optional<std::uint32_t> resolve_strand(const lang::Word& instance, const lang::Word& strand);
  NodeId poison() { return module_.graph.poison(); }
  bool is_poisoned(NodeId n) const { return module_.graph.node(n).poisoned; }
  /// `unknown function 'nosie' (did you mean 'noise'?)`, over builtins and spindles.
  void report_unknown_function(const lang::Word& callee);

  // --- sinks (lower_sinks.cpp)
  void lower_sinks();
  void lower_sink(const lang::SinkStmt& s, std::uint32_t ordinal);
  void lower_picture_sink(const lang::SinkStmt& s, Sink& sink, Scope& scope);
  void lower_play_sink(const lang::SinkStmt& s, Sink& sink, Scope& scope);
  void lower_control_sink(const lang::SinkStmt& s, Sink& sink, Scope& scope);
  void lower_data_sink(const lang::SinkStmt& s, Sink& sink, Scope& scope);
  std::vector<SinkValue> expand_instance(const lang::NameExpr& n, Scope& scope);
  void check_coordinates(const Sink& sink);
  NodeId sink_number(const lang::Arg& a, lang::SinkKind kind, Scope& scope);
  void check_midi_forms(const lang::SinkStmt& s, const Sink& sink, bool cc_given);
  std::optional<double> constant_argument(const lang::Arg& a, Scope& scope, const char* what);

  /// Reports, once per environment setting, that it is not a compile-time constant.
  NodeId not_constant(Scope& scope, const lang::Span& at, std::string_view what);

  const lang::Program& program_;
  lang::Diagnostics& diags_;
  EnvironmentOverrides overrides_;
  Module module_;
  std::vector<InstanceDecl> instances_;
  std::map<std::string, std::uint32_t, std::less<>> instance_index_;
  std::vector<StrandDecl> strands_;
  std::map<std::string, const lang::SpindleStmt*, std::less<>> spindles_;
  std::unordered_set<std::string> failed_spindles_;
  std::map<std::string, const lang::EnvStmt*, std::less<>> env_stmts_;
  std::unordered_map<int, double> env_values_;
  std::vector<Subst> substs_;
  std::unordered_map<std::string, SubstId> subst_ids_;
  std::unordered_map<std::uint64_t, NodeId> strand_memo_;
  std::unordered_map<std::uint64_t, std::vector<NodeId>> call_memo_;
  /// Strands being lowered, with the span of each one's reference to the next (cycle paths).
  std::vector<std::pair<std::uint32_t, lang::Span>> lowering_stack_;
  std::vector<int> in_progress_;
  std::set<std::vector<std::uint32_t>> reported_cycles_;
  std::vector<const lang::SpindleStmt*> spindle_stack_;
  std::unordered_set<const void*> reported_once_;
  std::unordered_set<NodeId> recorded_owned_;
  struct ImageOrError {
    std::shared_ptr<const io::Image> image;
    std::string error;
  };
  std::map<std::string, ImageOrError> images_; ///< resolved path -> decoded image or error
  std::unordered_set<const lang::SpindleStmt*> called_;
  std::uint32_t next_loop_id_ = 1;
  std::unordered_map<std::uint32_t, lang::Span> loop_spans_; ///< Op::Loop id -> its `for`
  bool checking_only_ = false; ///< lowering an uncalled spindle: record nothing in the module
  std::optional<io::SampleBank> sample_bank_; ///< the samples of `s`, one bank per compile
  bool unknown_arguments_ = false;            ///< its parameters have no values: they are poison
  /// For each substitution that replaces me@time, the remap that did it (for error locations).
  std::unordered_map<SubstId, lang::Span> time_remap_span_;
  std::uint64_t unrolled_ = 0;
  bool unroll_reported_ = false;
  std::uint32_t next_group_ = 1;
  /// Call statement (Definition::group) -> its first strand: a multi-channel builtin call such as
  /// `mic()::snd<l, r>` is one instance, whose state is keyed by that strand (§8.0, §8.6).
  std::unordered_map<std::uint32_t, std::uint32_t> group_first_strand_;
  bool depth_reported_ = false;
};

} // namespace weft::ir::detail
