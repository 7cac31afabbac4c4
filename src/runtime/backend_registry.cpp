#include "runtime/backend_registry.h"

namespace weft::runtime {

void BackendRegistry::add(ir::Domain domain, std::string name, Factory make) {
  entries_[index(domain)] = Entry{std::move(name), std::move(make)};
}

std::string_view BackendRegistry::name(ir::Domain domain) const {
  const auto& e = entries_[index(domain)];
  return e ? std::string_view(e->name) : std::string_view();
}

std::unique_ptr<Backend> BackendRegistry::create(ir::Domain domain) const {
  const auto& e = entries_[index(domain)];
  return e ? e->make() : nullptr;
}

} // namespace weft::runtime
