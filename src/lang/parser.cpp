#include "lang/parser.h"

#include "lang/lexer.h"

#include <deque>
#include <fmt/format.h>
#include <limits>
#include <unordered_map>

namespace weft::lang {

namespace {

constexpr std::string_view kLessHint =
    "'<' is not a comparison; use '<<' (less) or '<<=' (less or equal)";
constexpr std::string_view kGreaterHint =
    "'>' is not a comparison; use '>>' (greater) or '>>=' (greater or equal)";

bool can_start_statement(TokenKind k) {
  return k == TokenKind::Ident || k == TokenKind::KwMe || k == TokenKind::KwSpindle ||
         is_sink_keyword(k);
}

bool is_dot(TokenKind k) {
  return k == TokenKind::At || k == TokenKind::Dot;
}

std::optional<AssignOp> assign_op(TokenKind k) {
  switch (k) {
  case TokenKind::Equal:
    return AssignOp::Set;
  case TokenKind::PlusEqual:
    return AssignOp::Add;
  case TokenKind::MinusEqual:
    return AssignOp::Sub;
  case TokenKind::StarEqual:
    return AssignOp::Mul;
  case TokenKind::SlashEqual:
    return AssignOp::Div;
  default:
    return std::nullopt;
  }
}

std::optional<BinaryOp> comparison_op(TokenKind k) {
  switch (k) {
  case TokenKind::EqualEqual:
    return BinaryOp::Equal;
  case TokenKind::BangEqual:
    return BinaryOp::NotEqual;
  case TokenKind::LessLess:
    return BinaryOp::Less;
  case TokenKind::GreaterGreater:
    return BinaryOp::Greater;
  case TokenKind::LessLessEqual:
    return BinaryOp::LessEqual;
  case TokenKind::GreaterGreaterEqual:
    return BinaryOp::GreaterEqual;
  default:
    return std::nullopt;
  }
}

SinkKind sink_kind(TokenKind k) {
  switch (k) {
  case TokenKind::KwDisplay:
    return SinkKind::Display;
  case TokenKind::KwRender:
    return SinkKind::Render;
  case TokenKind::KwPlay:
    return SinkKind::Play;
  case TokenKind::KwCompute:
    return SinkKind::Compute;
  case TokenKind::KwOsc:
    return SinkKind::Osc;
  case TokenKind::KwMidi:
    return SinkKind::Midi;
  default:
    return SinkKind::Data;
  }
}

/// Where an argument list appears: decides what it may hold and which code its errors carry.
enum class ArgListKind { Call, MultiCall, Sink };

class Parser {
public:
  Parser(std::shared_ptr<const SourceFile> file, Diagnostics& diags)
      : lexer_(*file, diags), diags_(diags), program_(std::move(file)) {}

  Program run();

private:
  /// Counts one level of nesting for as long as it lives; `ok` is false past kMaxNesting.
  class Nest {
  public:
    Nest(Parser& p, bool block) : p_(p) {
      ok = ++p_.nesting_ <= kMaxNesting;
      if (!ok) p_.report_nesting_limit(block);
    }
    ~Nest() { --p_.nesting_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;
    bool ok;

  private:
    Parser& p_;
  };

  // --- token stream
  const Token& peek(std::size_t n = 0);
  bool at(TokenKind k, std::size_t n = 0) { return peek(n).kind == k; }
  Token take();
  bool accept(TokenKind k);

  // --- errors
  Diagnostic* syntax_error(const Token& at, std::string message);
  Diagnostic* expected(std::string_view what);
  /// Takes a `k` or reports "expected 'k'<alternatives>, found …" (with a note at an unclosed
  /// `opener`).
  bool expect(TokenKind k, std::string_view alternatives = {}, const Token* opener = nullptr);
  void report_nesting_limit(bool block);
  void synchronize(std::size_t statement_start);

  // --- statements
  Stmt* parse_statement();
  Stmt* parse_env();
  Stmt* parse_spindle();
  Stmt* parse_sink();
  Stmt* parse_named_statement();
  Stmt* parse_binding(Token name);
  Stmt* parse_call_binding(Token callee);
  Stmt* parse_multi_call(Token callee);
  bool parse_binding_target(Word& name, std::vector<Word>& outputs);
  bool parse_output_list(std::vector<Word>& outputs, bool allow_empty);
  std::optional<Word> parse_word(std::string_view what);
  bool parse_block(std::vector<BodyStmt*>& body);
  BodyStmt* parse_body_statement();
  BodyStmt* parse_for();

  // --- expressions
  Expr* parse_whole(bool bundle_allowed); ///< an rhs or marg: the only places a bundle may stand
  Expr* parse_expr();
  Expr* parse_if();
  Expr* parse_chain(int level);
  Expr* parse_comparison();
  Expr* parse_pow();
  Expr* parse_unary();
  Expr* parse_primary();
  Expr* parse_paren();
  Expr* parse_bundle();
  Expr* parse_field();
  Expr* parse_identifier_expr();
  bool parse_remap(StrandExpr& strand);
  bool parse_args(std::vector<Arg>& args, ArgListKind kind, const Token& opener);
  void check_named_args(const std::vector<Arg>& args, ArgListKind kind);
  Expr* operand_done(Expr* e) {
    last_was_operand_ = e != nullptr;
    return e;
  }
  Span span_to_prev(const Span& start) const { return join(start, prev_span_); }

  Lexer lexer_;
  Diagnostics& diags_;
  Program program_;
  std::deque<Token> ahead_;
  Span prev_span_{};
  std::size_t consumed_ = 0;         ///< tokens taken so far
  std::size_t bundle_closed_at_ = 0; ///< value of consumed_ right after a bundle's closing '>'
  int open_brackets_ = 0;            ///< '(' '[' '{' taken and not yet closed
  int nesting_ = 0;
  bool last_was_operand_ = false; ///< the last token taken ended an operand
  bool statement_failed_ = false; ///< a syntax error was reported in this statement
  /// The statement began on the line of a bundle's closing '>', right after it (`<a > b, c>`):
  /// its errors most likely come from reading '>' as a comparison.
  bool follows_bundle_ = false;
  bool peek_was_count_ = false;      ///< the statement was read as a multi-call `f<N>(…)`
  std::vector<BundleExpr*> bundles_; ///< bundles parsed in the current statement
};

// ---------------------------------------------------------------------------------------------
// Token stream

const Token& Parser::peek(std::size_t n) {
  while (ahead_.size() <= n) ahead_.push_back(lexer_.next());
  return ahead_[n];
}

Token Parser::take() {
  peek();
  Token t = std::move(ahead_.front());
  ahead_.pop_front();
  if (t.kind == TokenKind::Eof) {
    ahead_.push_front(t); // Eof is never consumed
    return t;
  }
  ++consumed_;
  prev_span_ = t.span;
  last_was_operand_ = false;
  switch (t.kind) {
  case TokenKind::LParen:
  case TokenKind::LBracket:
  case TokenKind::LBrace:
    ++open_brackets_;
    break;
  case TokenKind::RParen:
  case TokenKind::RBracket:
  case TokenKind::RBrace:
    if (open_brackets_ > 0) --open_brackets_;
    break;
  default:
    break;
  }
  return t;
}

bool Parser::accept(TokenKind k) {
  if (!at(k)) return false;
  take();
  return true;
}

// ---------------------------------------------------------------------------------------------
// Errors

Diagnostic* Parser::syntax_error(const Token& at, std::string message) {
  if (statement_failed_) return nullptr;
  statement_failed_ = true;
  if (at.kind == TokenKind::Error) return nullptr; // the lexer has reported it
  Diagnostic& d = diags_.error("syntax", at.span, std::move(message));
  if (at.kind == TokenKind::Less && last_was_operand_) d.hint(std::string(kLessHint));
  if (at.kind == TokenKind::Number && at.text().front() == '.' && last_was_operand_ &&
      prev_span_.offset + prev_span_.length == at.span.offset) {
    // `img.0` lexes as `img` and the number `.0` (§2.5)
    d.hint(fmt::format("'{}' is a number: strand names are words, e.g. inst@r", at.text()));
  }
  bool after_bundle = (consumed_ == bundle_closed_at_ && consumed_ > 0) || follows_bundle_;
  if ((at.kind == TokenKind::Greater && last_was_operand_) || after_bundle) {
    d.hint(std::string(kGreaterHint));
  }
  return &d;
}

Diagnostic* Parser::expected(std::string_view what) {
  const Token& t = peek();
  return syntax_error(t, fmt::format("expected {}, found {}", what, describe_token(t)));
}

bool Parser::expect(TokenKind k, std::string_view alternatives, const Token* opener) {
  if (accept(k)) return true;
  std::string what = fmt::format("'{}'{}", token_spelling(k), alternatives);
  Diagnostic* d = expected(what);
  // Only when the bracket may really be unclosed: at the end of the file or on a later line.
  // `display(me@x < 0.5)` closes its '(' and must not be told otherwise.
  if (d && opener && (at(TokenKind::Eof) || peek().span.line > opener->span.line)) {
    d->note(opener->span, fmt::format("the '{}' opened here is not closed", opener->text()));
  }
  return false;
}

void Parser::report_nesting_limit(bool block) {
  if (statement_failed_) return;
  statement_failed_ = true;
  // Every Nest is made right after its opener ('(', '{', 'if', '-', …) is taken: point at it.
  diags_.error(
      "limit", prev_span_,
      fmt::format("{} nested deeper than {} levels", block ? "blocks" : "expression", kMaxNesting));
}

/// §10.3: resume at the next token that begins a line, is outside any bracket and can start a
/// statement. Names bound by `::` in the skipped text count as defined (no follow-on errors).
void Parser::synchronize(std::size_t statement_start) {
  bool moved = consumed_ > statement_start;
  while (!at(TokenKind::Eof)) {
    const Token& t = peek();
    if (moved && open_brackets_ == 0 && t.first_on_line && can_start_statement(t.kind)) break;
    if (t.kind == TokenKind::ColonColon && open_brackets_ == 0 && at(TokenKind::Ident, 1)) {
      take();
      Token name = take();
      program_.failed_definitions.push_back({std::string(name.text()), name.span});
      moved = true;
      continue;
    }
    take();
    moved = true;
  }
  open_brackets_ = 0;
}

// ---------------------------------------------------------------------------------------------
// Statements

Program Parser::run() {
  while (!at(TokenKind::Eof) && !diags_.is_full()) {
    std::size_t start = consumed_;
    statement_failed_ = false;
    follows_bundle_ = consumed_ == bundle_closed_at_ && consumed_ > 0 && !peek().first_on_line;
    bundles_.clear();
    nesting_ = 0;
    peek_was_count_ = false;
    const Token first = peek();
    const bool defines_instance = first.kind == TokenKind::Ident && at(TokenKind::Less, 1);
    const bool defines_spindle = first.kind == TokenKind::KwSpindle && at(TokenKind::Ident, 1);
    const Token defined = defines_spindle ? peek(1) : first;
    Stmt* s = parse_statement();
    if (s) {
      program_.statements.push_back(s);
      continue;
    }
    // §10.3: what a failed statement defines counts as defined, so its uses are not reported.
    // A multi-call's instance follows '::' and is recorded by synchronize().
    const bool is_multi_call = defines_instance && peek_was_count_;
    if (defines_instance && !is_multi_call) {
      program_.failed_definitions.push_back({std::string(defined.text()), defined.span});
    }
    if (defines_spindle) {
      program_.failed_spindles.push_back({std::string(defined.text()), defined.span});
    }
    synchronize(start);
  }
  return std::move(program_);
}

Stmt* Parser::parse_statement() {
  const Token& t = peek();
  switch (t.kind) {
  case TokenKind::KwMe:
    return parse_env();
  case TokenKind::KwSpindle:
    return parse_spindle();
  case TokenKind::Ident:
    return parse_named_statement();
  default:
    break;
  }
  if (is_sink_keyword(t.kind)) return parse_sink();
  Diagnostic* d = expected("a statement");
  if (!d) return nullptr;
  if (t.kind == TokenKind::KwLet) {
    d->hint("'let' is reserved; a binding is written name<output> = value");
  } else if (is_keyword(t.kind) && (at(TokenKind::Less, 1) || at(TokenKind::LParen, 1))) {
    d->hint(fmt::format("'{}' is a keyword and cannot name an instance", t.text()));
  }
  return nullptr;
}

std::optional<Word> Parser::parse_word(std::string_view what) {
  if (!is_word(peek().kind)) {
    expected(what);
    return std::nullopt;
  }
  Token t = take();
  return Word{std::string(t.text()), t.span};
}

Stmt* Parser::parse_env() {
  Token me = take();
  if (!at(TokenKind::Less)) {
    Diagnostic* d = expected("'<' after 'me' in an environment setting");
    if (d && !follows_bundle_) {
      d->hint("environment settings are written me<field> = value; read fields as me@field");
    }
    return nullptr;
  }
  take();
  auto field = parse_word("a field name");
  if (!field || !expect(TokenKind::Greater, {}) || !expect(TokenKind::Equal, {})) {
    return nullptr;
  }
  Expr* value = parse_whole(false);
  if (!value) return nullptr;
  return program_.make<EnvStmt>(me.span, std::move(*field), value);
}

Stmt* Parser::parse_sink() {
  Token kw = take();
  if (!at(TokenKind::LParen)) {
    Diagnostic* d = expected(fmt::format("'(' after '{}'", kw.text()));
    if (d && at(TokenKind::Less)) {
      d->hint(fmt::format("'{}' is a keyword and cannot name an instance", kw.text()));
    }
    return nullptr;
  }
  Token open = take();
  auto* sink = program_.make<SinkStmt>(kw.span, sink_kind(kw.kind));
  if (!parse_args(sink->args, ArgListKind::Sink, open)) return nullptr;
  return sink;
}

Stmt* Parser::parse_named_statement() {
  if (at(TokenKind::Less, 1)) {
    const bool is_count = at(TokenKind::Number, 2) && at(TokenKind::Greater, 3);
    peek_was_count_ = is_count;
    Token name = take();
    return is_count ? parse_multi_call(std::move(name)) : parse_binding(std::move(name));
  }
  if (at(TokenKind::LParen, 1)) return parse_call_binding(take());
  Token name = take();
  Diagnostic* d = expected(fmt::format("'<' or '(' after '{}'", name.text()));
  if (d && !follows_bundle_) {
    d->hint(fmt::format("a binding lists its outputs: {}<v> = …", name.text()));
  }
  return nullptr;
}

bool Parser::parse_output_list(std::vector<Word>& outputs, bool allow_empty) {
  Token open = peek();
  if (!expect(TokenKind::Less, {})) return false;
  if (allow_empty && accept(TokenKind::Greater)) return true;
  while (true) {
    auto w = parse_word("an output name");
    if (!w) return false;
    outputs.push_back(std::move(*w));
    if (accept(TokenKind::Comma)) continue;
    if (accept(TokenKind::Greater)) return true;
    Diagnostic* d = expected("',' or '>' in the output list");
    if (d) d->note(open.span, "the output list starts here");
    return false;
  }
}

Stmt* Parser::parse_binding(Token name) {
  auto* b = program_.make<BindingStmt>(name.span, Word{std::string(name.text()), name.span});
  if (!parse_output_list(b->outputs, false)) return nullptr;
  if (!at(TokenKind::Equal)) {
    Diagnostic* d = expected("'=' after the output list");
    if (d && assign_op(peek().kind)) d->hint("compound assignment is only for spindle locals");
    return nullptr;
  }
  take();
  b->rhs = parse_whole(true);
  return b->rhs ? b : nullptr;
}

bool Parser::parse_binding_target(Word& name, std::vector<Word>& outputs) {
  if (!at(TokenKind::ColonColon)) {
    Diagnostic* d = expected("'::' after the call");
    if (d) d->hint("a call statement binds its outputs: f(…)::name<out>");
    return false;
  }
  take();
  if (!at(TokenKind::Ident)) {
    expected("an instance name after '::'");
    return false;
  }
  Token t = take();
  name = Word{std::string(t.text()), t.span};
  return parse_output_list(outputs, false);
}

Stmt* Parser::parse_call_binding(Token callee) {
  auto* c =
      program_.make<CallBindingStmt>(callee.span, Word{std::string(callee.text()), callee.span});
  Token open = take();
  if (!parse_args(c->args, ArgListKind::Call, open)) return nullptr;
  if (!parse_binding_target(c->name, c->outputs)) return nullptr;
  return c;
}

Stmt* Parser::parse_multi_call(Token callee) {
  auto* m =
      program_.make<MultiCallStmt>(callee.span, Word{std::string(callee.text()), callee.span});
  take(); // '<'
  Token count = take();
  std::string_view digits = count.text();
  if (digits.find_first_not_of("0123456789") != std::string_view::npos) {
    syntax_error(count, fmt::format("expected an integer call count, found '{}'", digits));
    return nullptr;
  }
  m->count_span = count.span;
  m->count = count.number >= std::numeric_limits<std::uint32_t>::max()
                 ? std::numeric_limits<std::uint32_t>::max()
                 : static_cast<std::uint32_t>(count.number);
  take(); // '>'
  if (!at(TokenKind::LParen)) {
    expected(fmt::format("'(' after '{}<{}>'", callee.text(), digits));
    return nullptr;
  }
  Token open = take();
  if (!parse_args(m->args, ArgListKind::MultiCall, open)) return nullptr;
  if (!parse_binding_target(m->name, m->outputs)) return nullptr;
  return m;
}

Stmt* Parser::parse_spindle() {
  Token kw = take();
  if (!at(TokenKind::Ident)) {
    expected("the spindle's name");
    return nullptr;
  }
  Token name = take();
  auto* s = program_.make<SpindleStmt>(kw.span, Word{std::string(name.text()), name.span});
  if (!at(TokenKind::LParen)) {
    expected("'(' after the spindle's name");
    return nullptr;
  }
  Token open = take();
  if (!accept(TokenKind::RParen)) {
    while (true) {
      if (!at(TokenKind::Ident)) {
        expected("a parameter name");
        return nullptr;
      }
      Token p = take();
      s->params.push_back({std::string(p.text()), p.span});
      if (accept(TokenKind::Comma)) continue;
      if (!expect(TokenKind::RParen, " or ','", &open)) return nullptr;
      break;
    }
  }
  if (!at(TokenKind::ColonColon)) {
    Diagnostic* d = expected("'::' after the parameters");
    if (d) d->hint("a spindle lists its outputs: spindle f(x) :: <out> { … }");
    return nullptr;
  }
  take();
  if (!parse_output_list(s->outputs, true)) return nullptr;
  if (!parse_block(s->body)) return nullptr;
  return s;
}

bool Parser::parse_block(std::vector<BodyStmt*>& body) {
  if (!at(TokenKind::LBrace)) {
    expected("'{' to begin the body");
    return false;
  }
  Token open = take();
  Nest nest(*this, true);
  if (!nest.ok) return false;
  while (!accept(TokenKind::RBrace)) {
    if (at(TokenKind::Eof)) {
      expect(TokenKind::RBrace, {}, &open);
      return false;
    }
    BodyStmt* s = parse_body_statement();
    if (!s) return false;
    body.push_back(s);
  }
  return true;
}

BodyStmt* Parser::parse_body_statement() {
  if (at(TokenKind::KwFor)) return parse_for();
  const bool is_out = at(TokenKind::KwOut);
  const Token first = peek();
  if (is_out) take();
  if (is_out ? !is_word(peek().kind) : !at(TokenKind::Ident)) {
    Diagnostic* d = is_out ? expected("an output name after 'out'")
                           : expected("a statement in the spindle body");
    if (d && !is_out) d->hint("a spindle body holds assignments (x = …, out o = …) and for loops");
    return nullptr;
  }
  Token target = take();
  auto op = assign_op(peek().kind);
  if (!op) {
    expected(fmt::format("'=', '+=', '-=', '*=' or '/=' after '{}'", target.text()));
    return nullptr;
  }
  take();
  Expr* value = parse_whole(false);
  if (!value) return nullptr;
  return program_.make<AssignStmt>(first.span, is_out,
                                   Word{std::string(target.text()), target.span}, *op, value);
}

BodyStmt* Parser::parse_for() {
  Token kw = take();
  if (!at(TokenKind::Ident)) {
    expected("a loop variable after 'for'");
    return nullptr;
  }
  Token var = take();
  auto* f = program_.make<ForStmt>(kw.span, Word{std::string(var.text()), var.span});
  if (!expect(TokenKind::KwIn, {})) return nullptr;
  if (!at(TokenKind::LParen)) {
    expected("'(' before the loop bounds");
    return nullptr;
  }
  Token open = take();
  // The bounds' parentheses belong to the loop statement, like its block, and close before the
  // block opens: they add no level, so a spindle body holds 255 nested loops (256 blocks).
  f->from = parse_whole(false);
  if (!f->from || !expect(TokenKind::KwTo, {})) return nullptr;
  f->to = parse_whole(false);
  if (!f->to || !expect(TokenKind::RParen, {}, &open)) return nullptr;
  if (!parse_block(f->body)) return nullptr;
  return f;
}

// ---------------------------------------------------------------------------------------------
// Arguments

bool Parser::parse_args(std::vector<Arg>& args, ArgListKind kind, const Token& opener) {
  Nest nest(*this, false);
  if (!nest.ok) return false;
  if (accept(TokenKind::RParen)) return true;
  while (true) {
    Arg arg;
    if (is_word(peek().kind) && at(TokenKind::Colon, 1)) {
      Token name = take();
      take(); // ':'
      arg.name = Word{std::string(name.text()), name.span};
    }
    if (at(TokenKind::String)) {
      Token s = take();
      arg.value = program_.make<StringExpr>(s.span, std::move(s.string));
    } else {
      arg.value = parse_whole(kind == ArgListKind::MultiCall);
      if (!arg.value) return false;
    }
    args.push_back(std::move(arg));
    if (accept(TokenKind::Comma)) continue;
    if (!expect(TokenKind::RParen, " or ','", &opener)) {
      return false;
    }
    break;
  }
  check_named_args(args, kind);
  return true;
}

/// §3.1: named arguments follow all positional ones, and each name appears once.
void Parser::check_named_args(const std::vector<Arg>& args, ArgListKind kind) {
  const std::string code = kind == ArgListKind::Sink ? "sink" : "arity";
  const Arg* first_named = nullptr;
  std::unordered_map<std::string_view, const Word*> first_given;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const Arg& a = args[i];
    if (!a.name) {
      if (first_named) {
        diags_.error(code, a.value->span, "positional argument after a named argument")
            .note(first_named->name->span, "the first named argument is here");
      }
      continue;
    }
    if (!first_named) first_named = &a;
    // A map, not a scan of the earlier names: a long argument list must stay linear.
    auto [first, inserted] = first_given.try_emplace(a.name->text, &*a.name);
    if (!inserted) {
      diags_.error(code, a.name->span, fmt::format("argument '{}' is given twice", a.name->text))
          .note(first->second->span, "first given here");
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Expressions

Expr* Parser::parse_whole(bool bundle_allowed) {
  std::size_t first_bundle = bundles_.size();
  Expr* e = parse_expr();
  if (!e) return nullptr;
  for (std::size_t i = first_bundle; i < bundles_.size(); ++i) {
    BundleExpr* b = bundles_[i];
    if (bundle_allowed && b == e) continue;
    diags_.error("bundle", b->span, "a bundle cannot be used inside an expression")
        .hint(bundle_allowed ? "a bundle must be the whole value, and bundles cannot be nested"
                             : "bundles are allowed only as the whole right-hand side of a "
                               "binding or as a multi-call argument");
  }
  bundles_.resize(first_bundle);
  return e;
}

Expr* Parser::parse_expr() {
  if (at(TokenKind::KwIf)) return parse_if();
  return parse_chain(0);
}

Expr* Parser::parse_if() {
  Token kw = take();
  Nest nest(*this, false);
  if (!nest.ok) return nullptr;
  Expr* cond = parse_expr();
  if (!cond || !expect(TokenKind::KwThen, {})) return nullptr;
  Expr* then_value = parse_expr();
  if (!then_value || !expect(TokenKind::KwElse, {})) return nullptr;
  Expr* else_value = parse_expr();
  if (!else_value) return nullptr;
  return operand_done(program_.make<IfExpr>(span_to_prev(kw.span), cond, then_value, else_value));
}

/// Levels 0..3 of the left-associative operators: or, and, + -, * / %. Level 1 descends into
/// the comparisons, level 3 into `^`.
Expr* Parser::parse_chain(int level) {
  auto operand = [&]() -> Expr* {
    switch (level) {
    case 0:
      return parse_chain(1);
    case 1:
      return parse_comparison();
    case 2:
      return parse_chain(3);
    default:
      return parse_pow();
    }
  };
  auto op_here = [&]() -> std::optional<BinaryOp> {
    switch (peek().kind) {
    case TokenKind::KwOr:
      return level == 0 ? std::optional(BinaryOp::Or) : std::nullopt;
    case TokenKind::KwAnd:
      return level == 1 ? std::optional(BinaryOp::And) : std::nullopt;
    case TokenKind::Plus:
      return level == 2 ? std::optional(BinaryOp::Add) : std::nullopt;
    case TokenKind::Minus:
      return level == 2 ? std::optional(BinaryOp::Sub) : std::nullopt;
    case TokenKind::Star:
      return level == 3 ? std::optional(BinaryOp::Mul) : std::nullopt;
    case TokenKind::Slash:
      return level == 3 ? std::optional(BinaryOp::Div) : std::nullopt;
    case TokenKind::Percent:
      return level == 3 ? std::optional(BinaryOp::Mod) : std::nullopt;
    default:
      return std::nullopt;
    }
  };
  Expr* first = operand();
  if (!first) return nullptr;
  auto op = op_here();
  if (!op) return first;
  auto* chain = program_.make<ChainExpr>(first->span);
  chain->operands.push_back(first);
  while (op) {
    Token op_token = take();
    if (at(TokenKind::KwIf)) {
      Diagnostic* d = expected("an operand");
      if (d) d->hint("an 'if' inside an operation needs parentheses: x * (if c then a else b)");
      return nullptr;
    }
    Expr* next = operand();
    if (!next) return nullptr;
    chain->ops.push_back(*op);
    chain->op_spans.push_back(op_token.span);
    chain->operands.push_back(next);
    op = op_here();
  }
  chain->span = join(first->span, chain->operands.back()->span);
  return operand_done(chain);
}

Expr* Parser::parse_comparison() {
  Expr* lhs = parse_chain(2);
  if (!lhs) return nullptr;
  auto op = comparison_op(peek().kind);
  if (!op) return lhs;
  Token op_token = take();
  Expr* rhs = parse_chain(2);
  if (!rhs) return nullptr;
  if (comparison_op(peek().kind)) {
    Diagnostic* d = syntax_error(
        peek(), fmt::format("comparisons cannot be chained, found {}", describe_token(peek())));
    if (d) d->hint("combine them with 'and': (a << b) and (b << c)");
    return nullptr;
  }
  return operand_done(
      program_.make<BinaryExpr>(join(lhs->span, rhs->span), *op, op_token.span, lhs, rhs));
}

Expr* Parser::parse_pow() {
  const bool minus_before_base = at(TokenKind::Minus); // `-x^y`, not `(-x)^y` (§3.3)
  Expr* base = parse_unary();
  if (!base || !at(TokenKind::Caret)) return base;
  Token op_token = take();
  Nest nest(*this, false);
  if (!nest.ok) return nullptr;
  if (at(TokenKind::KwIf)) {
    Diagnostic* d = expected("an operand");
    if (d) d->hint("an 'if' inside an operation needs parentheses: x ^ (if c then a else b)");
    return nullptr;
  }
  Expr* exponent = parse_pow();
  if (!exponent) return nullptr;
  if (auto* u = base->as<UnaryExpr>(); u && u->op == UnaryOp::Negate && minus_before_base) {
    diags_.warning("unary-minus-pow", u->span, "unary minus applies before '^': this is (-x)^y")
        .hint("write (-x)^y or -(x^y)");
  }
  return operand_done(program_.make<BinaryExpr>(join(base->span, exponent->span), BinaryOp::Pow,
                                                op_token.span, base, exponent));
}

Expr* Parser::parse_unary() {
  if (!at(TokenKind::Minus) && !at(TokenKind::KwNot)) return parse_primary();
  Token op = take();
  Nest nest(*this, false);
  if (!nest.ok) return nullptr;
  if (at(TokenKind::KwIf)) {
    Diagnostic* d = expected("an operand");
    if (d) d->hint("an 'if' inside an operation needs parentheses: -(if c then a else b)");
    return nullptr;
  }
  Expr* operand = parse_unary();
  if (!operand) return nullptr;
  UnaryOp kind = op.kind == TokenKind::Minus ? UnaryOp::Negate : UnaryOp::Not;
  return operand_done(program_.make<UnaryExpr>(join(op.span, operand->span), kind, operand));
}

Expr* Parser::parse_primary() {
  const Token& t = peek();
  switch (t.kind) {
  case TokenKind::Number: {
    Token n = take();
    return operand_done(program_.make<NumberExpr>(n.span, n.number));
  }
  case TokenKind::LParen:
    return parse_paren();
  case TokenKind::Less:
    return parse_bundle();
  case TokenKind::KwMe:
  case TokenKind::KwMouse:
    return parse_field();
  case TokenKind::Ident:
    return parse_identifier_expr();
  case TokenKind::String:
    syntax_error(t, "a string can only be an argument of a call or sink");
    return nullptr;
  default:
    break;
  }
  Diagnostic* d = expected("an expression");
  if (d && t.kind == TokenKind::KwIf) {
    d->hint("an 'if' inside an operation needs parentheses: x * (if c then a else b)");
  }
  return nullptr;
}

Expr* Parser::parse_paren() {
  Token open = take();
  Nest nest(*this, false);
  if (!nest.ok) return nullptr;
  Expr* first = parse_expr();
  if (!first) return nullptr;
  if (!at(TokenKind::Comma)) {
    if (!expect(TokenKind::RParen, {}, &open)) return nullptr;
    return operand_done(first);
  }
  auto* bundle = program_.make<BundleExpr>(open.span, true);
  bundle->items.push_back(first);
  while (accept(TokenKind::Comma)) {
    Expr* item = parse_expr();
    if (!item) return nullptr;
    bundle->items.push_back(item);
  }
  if (!expect(TokenKind::RParen, " or ','", &open)) return nullptr;
  bundle->span = span_to_prev(open.span);
  bundles_.push_back(bundle);
  return operand_done(bundle);
}

Expr* Parser::parse_bundle() {
  Token open = take();
  Nest nest(*this, false);
  if (!nest.ok) return nullptr;
  auto* bundle = program_.make<BundleExpr>(open.span, false);
  while (true) {
    Expr* item = parse_expr();
    if (!item) return nullptr;
    bundle->items.push_back(item);
    if (accept(TokenKind::Comma)) continue;
    if (at(TokenKind::Greater)) break;
    Diagnostic* d = expected("',' or '>' in the bundle");
    if (d && (at(TokenKind::Eof) || peek().span.line > open.span.line)) {
      d->note(open.span, "the '<' opened here is not closed");
    }
    return nullptr;
  }
  take();
  bundle_closed_at_ = consumed_;
  bundle->span = span_to_prev(open.span);
  bundles_.push_back(bundle);
  return operand_done(bundle);
}

Expr* Parser::parse_field() {
  Token owner = take();
  if (!is_dot(peek().kind)) {
    expected(fmt::format("'@' or '.' after '{}'", owner.text()));
    return nullptr;
  }
  take();
  auto field = parse_word(fmt::format("a field name after '{}@'", owner.text()));
  if (!field) return nullptr;
  return operand_done(program_.make<FieldExpr>(
      span_to_prev(owner.span), owner.kind == TokenKind::KwMe ? FieldOwner::Me : FieldOwner::Mouse,
      std::move(*field)));
}

Expr* Parser::parse_identifier_expr() {
  Token name = take();
  Word word{std::string(name.text()), name.span};
  if (at(TokenKind::LParen)) {
    Token open = take();
    auto* call = program_.make<CallExpr>(name.span, std::move(word));
    if (!parse_args(call->args, ArgListKind::Call, open)) return nullptr;
    call->span = span_to_prev(name.span);
    return operand_done(call);
  }
  if (!is_dot(peek().kind)) return operand_done(program_.make<NameExpr>(name.span, word.text));
  take();
  auto strand = parse_word(fmt::format("a strand name after '{}@'", name.text()));
  if (!strand) return nullptr;
  auto* access =
      program_.make<StrandExpr>(span_to_prev(name.span), std::move(word), std::move(*strand));
  if (at(TokenKind::LParen) || at(TokenKind::LBracket)) {
    if (!parse_remap(*access)) return nullptr;
    access->span = span_to_prev(name.span);
  }
  return operand_done(access);
}

/// `(item, …)` or `[item, …]` after a strand access (§6). Checks the form of the items.
bool Parser::parse_remap(StrandExpr& strand) {
  Token open = take();
  Nest nest(*this, false);
  if (!nest.ok) return false;
  const TokenKind close = open.kind == TokenKind::LParen ? TokenKind::RParen : TokenKind::RBracket;
  Remap remap;
  remap.square = open.kind == TokenKind::LBracket;
  bool well_formed = true;
  while (true) {
    if (at(close) && remap.items.empty()) {
      Diagnostic* d = expected("a coordinate");
      if (d) d->hint("a remap needs items: inst@s(me@x ~ e) or inst@s(x, y)");
      return false;
    }
    RemapItem item;
    Expr* first = parse_whole(false);
    if (!first) return false;
    if (at(TokenKind::Tilde)) {
      Token tilde = take();
      auto* field = first->as<FieldExpr>();
      if (!field || field->owner != FieldOwner::Me) {
        diags_.error("remap", first->span, "the left side of '~' must be a field of me, e.g. me@x");
        well_formed = false;
        item.axis_span = first->span;
      } else {
        item.axis = field->field;
        item.axis_span = field->span;
      }
      item.value = parse_whole(false);
      if (!item.value) return false;
      if (!item.axis) item.axis = Word{"?", tilde.span}; // keeps the item keyed for the checks
    } else {
      item.value = first;
    }
    remap.items.push_back(std::move(item));
    if (accept(TokenKind::Comma)) continue;
    if (!expect(close, " or ',' in the remap", &open)) return false;
    break;
  }
  remap.span = span_to_prev(open.span);
  // §3.2 / §6: one form per remap, each axis once, two positional coordinates.
  // One error per remap: after a bad axis, the form and count checks would only add noise.
  bool keyed = remap.items.front().axis.has_value();
  for (const RemapItem& item : remap.items) {
    if (well_formed && item.axis.has_value() != keyed) {
      // A keyed item starts at its axis, a positional one at its value.
      diags_.error("remap", item.axis ? item.axis_span : item.value->span,
                   "a remap cannot mix keyed items (me@f ~ e) with positional ones");
      well_formed = false;
      break;
    }
  }
  if (well_formed && keyed) {
    // Each repeat is reported once, against the first use; a map keeps long remaps linear.
    std::unordered_map<std::string_view, const RemapItem*> first_use;
    for (const RemapItem& item : remap.items) {
      auto [first, inserted] = first_use.try_emplace(item.axis->text, &item);
      if (inserted) continue;
      diags_
          .error("remap", item.axis_span, fmt::format("'me@{}' is remapped twice", item.axis->text))
          .note(first->second->axis_span, "first remapped here");
    }
  }
  if (well_formed && !keyed && remap.items.size() != 2) {
    diags_.error(
        "remap", remap.items.size() > 2 ? remap.items[2].value->span : remap.span,
        fmt::format("positional sampling takes 2 coordinates (x, y), got {}", remap.items.size()));
  }
  strand.remap = std::move(remap);
  return true;
}

} // namespace

Program parse_program(std::shared_ptr<const SourceFile> file, Diagnostics& diags) {
  Parser parser(std::move(file), diags);
  return parser.run();
}

} // namespace weft::lang
