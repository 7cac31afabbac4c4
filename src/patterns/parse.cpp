// Recursive descent over the pattern string, one function per grammar rule of LANGUAGE.md §8.11,
// building the node tree through PatternBuilder; the first error stops the parse.
#include "patterns/parse.h"

#include "patterns/number_word.h"
#include "patterns/pattern_builder.h"
#include "patterns/time_math.h"

#include <charconv>
#include <fmt/format.h>
#include <vector>

namespace weft::patterns {

namespace {

using detail::kNoNode;
using detail::NodeKind;

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '~' ||
         c == '-' || c == '#' || c == '.' || c == '_';
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// What the values of a term are for: events, operator arguments (numbers), or `:` values.
enum class Role { kEvent, kArgument, kTail };

struct Sequence {
  std::uint32_t node = kNoNode;
  Rational weight{1, 1}; ///< the sum of its steps' weights
};

/// One operator of a step, applied in order once the step is read.
struct Op {
  enum class Kind { kFast, kSlow, kReplicate, kDegrade, kEuclid, kPair } kind;
  std::uint32_t offset = 0;
  std::uint32_t arg[3] = {kNoNode, kNoNode, kNoNode};
  std::int64_t reps = 1;
  double amount = 0.5;
  std::uint32_t seed = 0;
};

class Parser {
public:
  explicit Parser(std::string_view text) : s_(text) {}

  ParseResult run() {
    const Sequence top = layers(Role::kEvent, '\0');
    ParseResult r;
    if (error_) {
      r.error = error_;
      return r;
    }
    r.pattern = b_.finish(top.node);
    return r;
  }

private:
  // ---- characters --------------------------------------------------------------------------
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0';
  }
  bool at_end() const { return pos_ >= s_.size(); }
  void skip_space() {
    while (!at_end() && is_space(s_[pos_])) ++pos_;
  }
  /// A '.' that is not part of a word: the feet separator.
  bool at_lone_dot() const { return peek() == '.' && !is_word_char(peek(1)); }
  std::string found() const {
    if (at_end()) return "end of pattern";
    return fmt::format("'{}'", s_[pos_]);
  }
  bool failed() const { return error_.has_value(); }
  void fail(std::size_t offset, std::string message) {
    if (!error_) error_ = PatternError{static_cast<std::uint32_t>(offset), std::move(message)};
  }
  void fail_unexpected() {
    if (!at_end() && s_[pos_] == '^') return fail(pos_, "'^' is not supported in patterns");
    if (at_end()) return fail(pos_, "expected a step, found end of pattern");
    if (static_cast<unsigned char>(s_[pos_]) >= 0x80) {
      return fail(pos_, "unexpected non-ASCII character in pattern");
    }
    fail(pos_, fmt::format("unexpected {} in pattern", found()));
  }

  // ---- layers and sequences ----------------------------------------------------------------

  /// layers = sequence ( {"," sequence} | {"|" sequence} | {"." sequence} ), up to `close`
  /// ('\0': the end of the string).
  Sequence layers(Role role, char close) {
    std::vector<Sequence> list{sequence(role)};
    char kind = '\0';
    std::size_t kind_at = 0;
    while (!failed()) {
      skip_space();
      const char c = peek();
      if (c != ',' && c != '|' && !at_lone_dot()) break;
      if (kind != '\0' && c != kind) {
        fail(pos_, fmt::format("'{}' and '{}' cannot separate layers of the same group", kind, c));
        break;
      }
      kind = c;
      kind_at = pos_;
      ++pos_;
      list.push_back(sequence(role));
    }
    Sequence out;
    if (failed()) return out;
    std::vector<std::uint32_t> nodes;
    for (const Sequence& l : list) nodes.push_back(l.node);
    if (kind == '\0') {
      out = list[0];
    } else if (kind == ',') {
      out.node = b_.stack(nodes);
    } else if (kind == '|') {
      out.node = b_.choose(nodes, next_seed_++);
    } else {
      out.node = b_.sequence(nodes, std::vector<Rational>(nodes.size(), Rational{1, 1}));
      ++next_seed_; // feet take a seed number (§8.11) without using it
    }
    (void)kind_at;
    expect_close(close);
    return out;
  }

  void expect_close(char close) {
    skip_space();
    if (failed()) return;
    if (close == '\0') {
      if (!at_end()) fail_unexpected();
      return;
    }
    if (peek() == close) {
      ++pos_;
      return;
    }
    fail(pos_, fmt::format("expected '{}', found {}", close, found()));
  }

  /// poly = sequence {"," sequence}, up to `close`.
  std::vector<Sequence> poly(Role role, char open, char close) {
    std::vector<Sequence> list{sequence(role)};
    while (!failed()) {
      skip_space();
      const char c = peek();
      if (c == '|' || at_lone_dot()) {
        fail(pos_, fmt::format("'{}' cannot separate layers inside '{}{}'", c, open, close));
        break;
      }
      if (c != ',') break;
      ++pos_;
      list.push_back(sequence(role));
    }
    expect_close(close);
    return list;
  }

  bool ends_sequence() const {
    const char c = peek();
    return at_end() || c == ']' || c == '>' || c == '}' || c == ')' || c == ',' || c == '|' ||
           at_lone_dot();
  }

  /// sequence = step {step}
  Sequence sequence(Role role) {
    std::vector<std::uint32_t> nodes;
    std::vector<Rational> weights;
    TimeMath math;
    Sequence out;
    out.weight = Rational{};
    while (!failed()) {
      skip_space();
      if (ends_sequence()) break;
      Rational weight{1, 1};
      const std::uint32_t node = step(role, weight);
      if (failed()) break;
      nodes.push_back(node);
      weights.push_back(weight);
      out.weight = math.add(out.weight, weight);
    }
    if (failed()) return out;
    if (nodes.empty()) {
      fail_unexpected();
      return out;
    }
    if (math.overflowed()) fail(pos_, "step weights are too large");
    out.node = b_.sequence(nodes, weights);
    return out;
  }

  // ---- steps and operators -----------------------------------------------------------------

  /// step = term {op}; `weight` receives the step's weight.
  std::uint32_t step(Role role, Rational& weight) {
    const std::size_t start = pos_;
    std::uint32_t node = term(role);
    std::vector<Op> ops;
    TimeMath math;
    while (!failed()) {
      const std::size_t save = pos_;
      skip_space();
      if (!read_op(ops, weight, math)) {
        pos_ = save;
        break;
      }
    }
    if (failed()) return kNoNode;
    if (math.overflowed()) fail(start, "step weight is too large");
    if (!less(Rational{}, weight)) fail(start, "a step's weight must be positive");
    for (const Op& op : ops) node = apply(op, node);
    check_depth();
    return node;
  }

  /// Reads one operator at pos_ into `ops` / `weight`; false (nothing read) when there is none.
  bool read_op(std::vector<Op>& ops, Rational& weight, TimeMath& math) {
    const char c = peek();
    const auto at = static_cast<std::uint32_t>(pos_);
    if (c == '@' || (c == '_' && !is_word_char(peek(1)))) {
      ++pos_;
      const Rational add = number_argument().value_or(Rational{2, 1});
      weight = math.add(weight, math.sub(add, Rational{1, 1}));
      return true;
    }
    if (c == '!') {
      ++pos_;
      std::int64_t reps = 2;
      if (auto n = number_argument()) {
        if (n->den != 1 || n->num < 0) fail(at + 1, "'!' takes a whole number");
        reps = n->num;
      }
      std::int64_t total = 1;
      for (auto it = ops.begin(); it != ops.end(); ++it) {
        if (it->kind == Op::Kind::kReplicate) {
          total = it->reps;
          ops.erase(it);
          break;
        }
      }
      Op op{Op::Kind::kReplicate, at};
      op.reps = total + reps - 1;
      if (op.reps < 1) fail(at, "'!' must leave at least one copy");
      weight = Rational{op.reps, 1};
      ops.push_back(op);
      return true;
    }
    if (c == '*' || c == '/') {
      ++pos_;
      skip_space();
      Op op{c == '*' ? Op::Kind::kFast : Op::Kind::kSlow, at};
      op.arg[0] = term(Role::kArgument);
      ops.push_back(op);
      return true;
    }
    if (c == '?') {
      ++pos_;
      Op op{Op::Kind::kDegrade, at};
      const std::size_t number_at = pos_;
      const std::size_t n = number_length(s_.substr(pos_));
      if (n > 0) {
        const std::string_view text = s_.substr(pos_, n);
        std::from_chars(text.data(), text.data() + text.size(), op.amount);
        pos_ += n;
        if (op.amount < 0) fail(number_at, "'?' takes a probability from 0 to 1");
      }
      op.seed = next_seed_++;
      ops.push_back(op);
      return true;
    }
    if (c == '(') {
      ++pos_;
      Op op{Op::Kind::kEuclid, at};
      for (int i = 0; i < 3 && !failed(); ++i) {
        skip_space();
        Rational ignored{1, 1};
        op.arg[i] = step(Role::kArgument, ignored);
        skip_space();
        if (failed()) break;
        if (peek() == ')' && i >= 1) break;
        if (peek() != ',' || i == 2) {
          fail(pos_, fmt::format("expected {}, found {}", i == 2 ? "')'" : "','", found()));
          break;
        }
        ++pos_;
      }
      if (!failed()) ++pos_; // ')'
      ops.push_back(op);
      return true;
    }
    if (c == ':') {
      ++pos_;
      Op op{Op::Kind::kPair, at};
      op.arg[0] = term(Role::kTail);
      ops.push_back(op);
      return true;
    }
    return false;
  }

  /// An optional number right at pos_ (the argument of '@', '_', '!').
  std::optional<Rational> number_argument() {
    const std::size_t n = number_length(s_.substr(pos_));
    if (n == 0) return std::nullopt;
    const std::size_t at = pos_;
    pos_ += n;
    auto exact = exact_decimal(s_.substr(at, n));
    if (!exact) fail(at, fmt::format("number '{}' is too large", s_.substr(at, n)));
    return exact;
  }

  std::uint32_t apply(const Op& op, std::uint32_t node) {
    if (failed()) return node;
    switch (op.kind) {
    case Op::Kind::kFast:
    case Op::Kind::kSlow:
      return apply_fast(op, node);
    case Op::Kind::kReplicate:
      if (op.reps == 1) return node;
      return b_.fast_constant(b_.repeat(node, static_cast<std::uint32_t>(op.reps)),
                              Rational{op.reps, 1});
    case Op::Kind::kDegrade:
      return b_.degrade(node, op.amount, op.seed);
    case Op::Kind::kEuclid: {
      std::uint32_t out = node;
      if (auto e = b_.euclid(node, op.arg[0], op.arg[1], op.arg[2], out)) {
        fail(b_.value(e->value).offset, e->message);
      }
      return out;
    }
    case Op::Kind::kPair:
      if (b_.has_pairs(node) || b_.has_pairs(op.arg[0])) {
        fail(op.offset, "a step takes at most one ':' value");
        return node;
      }
      return b_.pair(node, op.arg[0], op.offset);
    }
    return node;
  }

  std::uint32_t apply_fast(const Op& op, std::uint32_t node) {
    const bool slow = op.kind == Op::Kind::kSlow;
    if (b_.node(op.arg[0]).kind != NodeKind::kAtom) {
      return b_.fast_patterned(node, op.arg[0], Rational{1, 1}, slow);
    }
    const Rational f = b_.value(b_.node(op.arg[0]).value).exact;
    if (f.num <= 0) return b_.silence(); // fast(0) is silence; negative factors play nothing
    return b_.fast_constant(node, slow ? Rational{f.den, f.num} : f);
  }

  // ---- terms -------------------------------------------------------------------------------

  /// term = WORD | "[" layers "]" | "<" poly ">" | "{" poly "}" ["%" term], within the nesting
  /// limits (the parser and the queries recurse once per level).
  std::uint32_t term(Role role) {
    if (++nesting_ > kMaxNesting) {
      fail(pos_, fmt::format("pattern nested deeper than {} levels", kMaxNesting));
      return kNoNode;
    }
    const std::uint32_t node = nested_term(role);
    --nesting_;
    check_depth();
    return node;
  }

  /// Reports a chain of operators and groups too deep to query (at the character before pos_).
  void check_depth() {
    if (failed() || b_.max_depth() <= kMaxNodeDepth) return;
    fail(pos_ == 0 ? 0 : pos_ - 1,
         fmt::format("pattern nested deeper than {} operators and groups", kMaxNodeDepth));
  }

  std::uint32_t nested_term(Role role) {
    const char c = peek();
    const std::size_t at = pos_;
    if (c == '[') {
      ++pos_;
      return layers(role, ']').node;
    }
    if (c == '<') {
      ++pos_;
      std::vector<std::uint32_t> nodes;
      for (const Sequence& l : poly(role, '<', '>')) {
        if (failed()) break;
        nodes.push_back(b_.fast_constant(l.node, Rational{l.weight.den, l.weight.num}));
      }
      return failed() ? kNoNode : b_.stack(nodes);
    }
    if (c == '{') {
      ++pos_;
      const std::vector<Sequence> list = poly(role, '{', '}');
      if (failed()) return kNoNode;
      std::uint32_t steps = kNoNode;
      if (peek() == '%') {
        ++pos_;
        skip_space();
        steps = term(Role::kArgument);
      } else {
        Value v;
        v.kind = ValueKind::kNumber;
        v.text = fmt::format("{}", exact::to_double(list[0].weight));
        v.number = exact::to_double(list[0].weight);
        v.has_exact = true;
        v.exact = list[0].weight;
        v.offset = static_cast<std::uint32_t>(at);
        steps = b_.atom(b_.add_value(std::move(v)));
      }
      if (failed()) return kNoNode;
      std::vector<std::uint32_t> nodes;
      for (const Sequence& l : list)
        nodes.push_back(b_.fast_patterned(l.node, steps, l.weight, false));
      return b_.stack(nodes);
    }
    if (is_word_char(c) && !at_lone_dot()) return word(role);
    fail_unexpected();
    return kNoNode;
  }

  std::uint32_t word(Role role) {
    const std::size_t at = pos_;
    while (!at_end() && is_word_char(s_[pos_])) ++pos_;
    const std::string_view text = s_.substr(at, pos_ - at);
    if (const std::size_t dots = text.find(".."); dots != std::string_view::npos) {
      fail(at + dots, "'..' ranges are not supported");
      return kNoNode;
    }
    if (text == "_") {
      fail(at, "'_' must follow a step");
      return kNoNode;
    }
    if (text == "~" || text == "-") return b_.silence();
    Value v;
    v.text = std::string(text);
    v.offset = static_cast<std::uint32_t>(at);
    v.is_event = role == Role::kEvent;
    if (number_length(text) == text.size()) {
      v.kind = ValueKind::kNumber;
      std::from_chars(text.data(), text.data() + text.size(), v.number);
      if (auto e = exact_decimal(text)) {
        v.has_exact = true;
        v.exact = *e;
      }
    }
    if (role == Role::kArgument && v.kind != ValueKind::kNumber) {
      fail(at, fmt::format("expected a number, found '{}'", text));
    } else if (role == Role::kArgument && !v.has_exact) {
      fail(at, fmt::format("number '{}' is too large", text));
    }
    return b_.atom(b_.add_value(std::move(v)));
  }

  static constexpr int kMaxNesting = 256;              // brackets, as §10.2 `limit` for WEFT
  static constexpr std::uint32_t kMaxNodeDepth = 1024; // operators and groups, nested
  std::string_view s_;
  std::size_t pos_ = 0;
  int nesting_ = 0;
  PatternBuilder b_;
  std::uint32_t next_seed_ = 0;
  std::optional<PatternError> error_;
};

} // namespace

ParseResult parse_pattern(std::string_view text) {
  return Parser(text).run();
}

} // namespace weft::patterns
