/// \file
/// Backends are registered, not hard-wired (ARCHITECTURE.md §3): a registry maps each domain to
/// a named factory. `compile_program` creates one backend per domain the program uses and
/// reports a domain without a registered backend as "not supported yet".
/// Preconditions: none. Implements: ARCHITECTURE.md §3. Tests: tests/runtime/coordinator_test.cpp.
/// Real-time: no.
#pragma once

#include "runtime/backend.h"

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace weft::runtime {

class BackendRegistry {
public:
  using Factory = std::function<std::unique_ptr<Backend>()>;

  /// Registers (or replaces) the backend of `domain`.
  void add(ir::Domain domain, std::string name, Factory make);
  bool has(ir::Domain domain) const { return entries_[index(domain)].has_value(); }
  /// The registered name, empty if none.
  std::string_view name(ir::Domain domain) const;
  /// A fresh backend for `domain`; null if none is registered.
  std::unique_ptr<Backend> create(ir::Domain domain) const;

private:
  struct Entry {
    std::string name;
    Factory make;
  };
  static std::size_t index(ir::Domain d) { return static_cast<std::size_t>(d); }
  std::array<std::optional<Entry>, 4> entries_;
};

} // namespace weft::runtime
