#include "graph/owned_calls.h"

#include "graph/internal_error.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <unordered_map>

namespace weft::graph::detail {

namespace {

/// Identity of a call (see the file comment).
std::vector<std::uint64_t> call_key(const ir::Graph& g, const ir::OwnedSite& site) {
  const ir::Node& n = g.node(site.node);
  std::vector<std::uint64_t> key = {static_cast<std::uint64_t>(n.op),
                                    reinterpret_cast<std::uintptr_t>(n.builtin), n.aux};
  if (n.op == ir::Op::Sample) {
    key.push_back(static_cast<std::uint32_t>(site.strand));
    key.push_back(static_cast<std::uint32_t>(site.sink));
    return key;
  }
  for (ir::NodeId a : g.args(site.node)) key.push_back(a);
  return key;
}

struct KeyHash {
  std::size_t operator()(const std::vector<std::uint64_t>& k) const {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (std::uint64_t v : k) h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return static_cast<std::size_t>(h);
  }
};

std::string base_name(const ir::Module& module, const OwnedCall& call) {
  return fmt::format("{}@{}", call.builtin->name, holder_name(module, call.holder));
}

} // namespace

OwnedCalls group_owned_calls(const ir::Module& module) {
  OwnedCalls out;
  out.call_of_value.assign(module.graph.size(), kNoCall);
  std::unordered_map<std::vector<std::uint64_t>, std::uint32_t, KeyHash> by_key;
  by_key.reserve(module.owned.size());
  for (const ir::OwnedSite& site : module.owned) {
    const ir::Node& n = module.graph.node(site.node);
    WEFT_ASSERT(n.op == ir::Op::Owned || n.op == ir::Op::Sample, "owned site of a plain node");
    auto [it, fresh] = by_key.try_emplace(call_key(module.graph, site),
                                          static_cast<std::uint32_t>(out.calls.size()));
    if (fresh) {
      OwnedCall call;
      call.builtin = n.builtin;
      call.owner = site.owner;
      call.holder = {site.strand, site.sink};
      call.span = site.span;
      out.calls.push_back(std::move(call));
    }
    out.calls[it->second].sites.push_back(&site);
    out.call_of_value[site.node] = it->second;
  }
  return out;
}

std::string holder_name(const ir::Module& module, const OwnedCallHolder& holder) {
  if (holder.strand >= 0) return module.strands[static_cast<std::uint32_t>(holder.strand)].instance;
  WEFT_ASSERT(holder.sink >= 0, "an owned call outside any strand or sink");
  return module.sinks[static_cast<std::uint32_t>(holder.sink)].label();
}

std::vector<std::string> name_owned_calls(const ir::Module& module,
                                          const std::vector<OwnedCall>& calls) {
  std::vector<std::uint32_t> order;
  for (std::uint32_t c = 0; c < calls.size(); ++c) {
    if (calls[c].merged_into_instance < 0) order.push_back(c);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return calls[a].span.offset < calls[b].span.offset;
  });
  std::map<std::string, std::uint32_t> total;
  for (std::uint32_t c : order) ++total[base_name(module, calls[c])];
  std::map<std::string, std::uint32_t> seen;
  std::vector<std::string> names(calls.size());
  for (std::uint32_t c : order) {
    std::string base = base_name(module, calls[c]);
    if (total[base] == 1) {
      names[c] = std::move(base);
      continue;
    }
    names[c] = fmt::format("{}#{}@{}", calls[c].builtin->name, ++seen[base],
                           holder_name(module, calls[c].holder));
  }
  return names;
}

} // namespace weft::graph::detail
