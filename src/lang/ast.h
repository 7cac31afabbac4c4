/// \file
/// The abstract syntax tree of a WEFT program (LANGUAGE.md §3.1). Every node carries the span of
/// its source text. Nodes live in the `Program`'s arena and refer to each other by plain
/// pointers, so destroying a program never recurses. Left-associative operator runs
/// (`a + b - c`, `a and b and c`) are one n-ary `ChainExpr`, so the tree's depth grows only with
/// real nesting, which the parser bounds (§10.2 `limit`).
/// Implements: LANGUAGE.md §3. Tests: tests/lang/parser_test.cpp.
/// Real-time: no.
#pragma once

#include "lang/source_file.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace weft::lang {

/// An identifier or keyword in a `word` position, with its span.
struct Word {
  std::string text;
  Span span;
};

/// Base of every arena-allocated node.
struct AstNode {
  virtual ~AstNode() = default;
};

// ----------------------------------------------------------------------------------------------
// Expressions

enum class ExprKind : std::uint8_t {
  Number,
  String, ///< only as a call or sink argument
  Name,   ///< a bare identifier: local, parameter, constant or bare instance name
  Field,  ///< me@f, mouse@f
  Strand, ///< inst@s, optionally remapped
  Call,
  Unary,
  Binary, ///< `^` and the comparisons
  Chain,  ///< a left-associative run of one precedence level
  If,
  Bundle,
};

struct Expr : AstNode {
  Expr(ExprKind k, Span s) : kind(k), span(s) {}
  ExprKind kind;
  Span span;

  template <class T> T* as() { return kind == T::kKind ? static_cast<T*>(this) : nullptr; }
  template <class T> const T* as() const {
    return kind == T::kKind ? static_cast<const T*>(this) : nullptr;
  }
};

struct NumberExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Number;
  NumberExpr(Span s, double v) : Expr(kKind, s), value(v) {}
  double value;
};

struct StringExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::String;
  StringExpr(Span s, std::string v) : Expr(kKind, s), value(std::move(v)) {}
  std::string value; ///< escapes decoded
};

struct NameExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Name;
  NameExpr(Span s, std::string n) : Expr(kKind, s), name(std::move(n)) {}
  std::string name;
};

enum class FieldOwner : std::uint8_t { Me, Mouse };

struct FieldExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Field;
  FieldExpr(Span s, FieldOwner o, Word f) : Expr(kKind, s), owner(o), field(std::move(f)) {}
  FieldOwner owner;
  Word field;
};

/// One item of a remap: keyed (`me@x ~ e`, `axis` set) or positional (`e`).
struct RemapItem {
  std::optional<Word> axis; ///< the field name of a keyed item
  Span axis_span;           ///< the whole `me@f` of a keyed item
  Expr* value = nullptr;
};

struct Remap {
  Span span;           ///< from the opening bracket to the closing one
  bool square = false; ///< written with [ ] rather than ( )
  std::vector<RemapItem> items;
  bool is_keyed() const { return !items.empty() && items.front().axis.has_value(); }
};

struct StrandExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Strand;
  StrandExpr(Span s, Word i, Word st)
      : Expr(kKind, s), instance(std::move(i)), strand(std::move(st)) {}
  Word instance;
  Word strand;
  std::optional<Remap> remap;
};

/// A call or sink argument, possibly named (`q: 4`).
struct Arg {
  std::optional<Word> name;
  Expr* value = nullptr;
};

struct CallExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Call;
  CallExpr(Span s, Word c) : Expr(kKind, s), callee(std::move(c)) {}
  Word callee;
  std::vector<Arg> args;
};

enum class UnaryOp : std::uint8_t { Negate, Not };

struct UnaryExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Unary;
  UnaryExpr(Span s, UnaryOp o, Expr* e) : Expr(kKind, s), op(o), operand(e) {}
  UnaryOp op;
  Expr* operand;
};

enum class BinaryOp : std::uint8_t {
  Add,
  Sub,
  Mul,
  Div,
  Mod,
  Pow,
  Equal,
  NotEqual,
  Less,
  Greater,
  LessEqual,
  GreaterEqual,
  And,
  Or,
};

struct BinaryExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Binary;
  BinaryExpr(Span s, BinaryOp o, Span os, Expr* l, Expr* r)
      : Expr(kKind, s), op(o), op_span(os), lhs(l), rhs(r) {}
  BinaryOp op;
  Span op_span;
  Expr* lhs;
  Expr* rhs;
};

/// `operands[0] ops[0] operands[1] ops[1] operands[2] …`, grouped from the left.
struct ChainExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Chain;
  explicit ChainExpr(Span s) : Expr(kKind, s) {}
  std::vector<Expr*> operands;
  std::vector<BinaryOp> ops; ///< operands.size() - 1 entries
  std::vector<Span> op_spans;
};

struct IfExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::If;
  IfExpr(Span s, Expr* c, Expr* t, Expr* e)
      : Expr(kKind, s), cond(c), then_value(t), else_value(e) {}
  Expr* cond;
  Expr* then_value;
  Expr* else_value;
};

struct BundleExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Bundle;
  BundleExpr(Span s, bool t) : Expr(kKind, s), tuple(t) {}
  bool tuple; ///< written ( a, b ) rather than < a, b >
  std::vector<Expr*> items;
};

// ----------------------------------------------------------------------------------------------
// Spindle body statements

enum class AssignOp : std::uint8_t { Set, Add, Sub, Mul, Div };
enum class BodyKind : std::uint8_t { Assign, For };

struct BodyStmt : AstNode {
  BodyStmt(BodyKind k, Span s) : kind(k), span(s) {}
  BodyKind kind;
  Span span;
  template <class T> const T* as() const {
    return kind == T::kKind ? static_cast<const T*>(this) : nullptr;
  }
};

/// `x = e`, `x += e`, …, or with `out`: `out o = e`.
struct AssignStmt : BodyStmt {
  static constexpr BodyKind kKind = BodyKind::Assign;
  AssignStmt(Span s, bool o, Word t, AssignOp a, Expr* v)
      : BodyStmt(kKind, s), is_out(o), target(std::move(t)), op(a), value(v) {}
  bool is_out;
  Word target;
  AssignOp op;
  Expr* value;
};

/// `for i in (a to b) { … }`
struct ForStmt : BodyStmt {
  static constexpr BodyKind kKind = BodyKind::For;
  ForStmt(Span s, Word v) : BodyStmt(kKind, s), var(std::move(v)) {}
  Word var;
  Expr* from = nullptr;
  Expr* to = nullptr;
  std::vector<BodyStmt*> body;
};

// ----------------------------------------------------------------------------------------------
// Top-level statements

enum class StmtKind : std::uint8_t { Env, Binding, CallBinding, MultiCall, Spindle, Sink };
enum class SinkKind : std::uint8_t { Display, Render, Play, Compute, Osc, Midi, Data };

struct Stmt : AstNode {
  Stmt(StmtKind k, Span s) : kind(k), span(s) {}
  StmtKind kind;
  Span span; ///< the statement's first token
  template <class T> const T* as() const {
    return kind == T::kKind ? static_cast<const T*>(this) : nullptr;
  }
};

/// `me<field> = e`
struct EnvStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::Env;
  EnvStmt(Span s, Word f, Expr* v) : Stmt(kKind, s), field(std::move(f)), value(v) {}
  Word field;
  Expr* value;
};

/// `name<o1, …> = rhs`
struct BindingStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::Binding;
  BindingStmt(Span s, Word n) : Stmt(kKind, s), name(std::move(n)) {}
  Word name;
  std::vector<Word> outputs;
  Expr* rhs = nullptr;
};

/// `f(args)::name<o1, …>`
struct CallBindingStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::CallBinding;
  CallBindingStmt(Span s, Word c) : Stmt(kKind, s), callee(std::move(c)) {}
  Word callee;
  std::vector<Arg> args;
  Word name;
  std::vector<Word> outputs;
};

/// `f<N>(margs)::name<o1, …, oN>`
struct MultiCallStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::MultiCall;
  MultiCallStmt(Span s, Word c) : Stmt(kKind, s), callee(std::move(c)) {}
  Word callee;
  std::uint32_t count = 0; ///< N, saturated at UINT32_MAX
  Span count_span;
  std::vector<Arg> args; ///< each value may be a bundle
  Word name;
  std::vector<Word> outputs;
};

/// `spindle name(p, …) :: <o, …> { body }`
struct SpindleStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::Spindle;
  SpindleStmt(Span s, Word n) : Stmt(kKind, s), name(std::move(n)) {}
  Word name;
  std::vector<Word> params;
  std::vector<Word> outputs;
  std::vector<BodyStmt*> body;
};

/// `display(…)`, `play(…)`, …
struct SinkStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::Sink;
  SinkStmt(Span s, SinkKind k) : Stmt(kKind, s), sink(k) {}
  SinkKind sink;
  std::vector<Arg> args;
};

std::string_view sink_name(SinkKind k);
std::string_view binary_op_spelling(BinaryOp op);
std::string_view assign_op_spelling(AssignOp op);

/// A parsed file: its statements in source order, and the arena that owns every node.
class Program {
public:
  explicit Program(std::shared_ptr<const SourceFile> file) : file_(std::move(file)) {}
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;
  Program(Program&&) = default;
  Program& operator=(Program&&) = default;

  template <class T, class... Args> T* make(Args&&... args) {
    auto node = std::make_unique<T>(std::forward<Args>(args)...);
    T* raw = node.get();
    nodes_.push_back(std::move(node));
    return raw;
  }

  const SourceFile& file() const { return *file_; }
  std::vector<Stmt*> statements;
  /// Names defined by statements that failed to parse: later passes treat them as defined with
  /// every strand, so their uses are not reported again (§10.3).
  std::vector<Word> failed_definitions;
  /// Spindles whose definitions failed to parse, likewise.
  std::vector<Word> failed_spindles;

private:
  std::shared_ptr<const SourceFile> file_;
  std::vector<std::unique_ptr<AstNode>> nodes_;
};

/// Calls `fn` on `root` and every expression below it (arguments, operands, remap coordinates,
/// bundle items), iteratively: the depth of the tree does not matter.
void for_each_expression(const Expr& root, const std::function<void(const Expr&)>& fn);
/// The same over every expression of a spindle body, loops included.
void for_each_expression(const std::vector<BodyStmt*>& body,
                         const std::function<void(const Expr&)>& fn);

/// The span from the start of `a` to the end of `b` (same file, `a` before `b`).
Span join(const Span& a, const Span& b);

} // namespace weft::lang
