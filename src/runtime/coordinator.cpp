#include "runtime/coordinator.h"

#include <fmt/format.h>

namespace weft::runtime {

namespace {

std::string name_key(std::string_view instance, std::string_view strand) {
  std::string key(instance);
  key += '\n';
  key += strand;
  return key;
}

/// The domains the program needs, in execution order: by first batch, then sink-only domains.
std::vector<ir::Domain> domains_in_use(const graph::RenderGraph& graph) {
  std::vector<ir::Domain> domains;
  auto add = [&](ir::Domain d) {
    if (std::find(domains.begin(), domains.end(), d) == domains.end()) domains.push_back(d);
  };
  for (const graph::Batch& b : graph.batches) add(b.backend);
  for (const graph::RenderSink& s : graph.sinks) add(s.domain);
  return domains;
}

/// Names what first needs `domain`, for the "not supported yet" message.
std::string first_user(const graph::RenderGraph& graph, ir::Domain domain) {
  for (const graph::RenderSink& s : graph.sinks) {
    if (s.domain == domain) return fmt::format("{} at line {}", s.label, s.span.line);
  }
  for (const graph::RenderNode& n : graph.nodes) {
    if (n.backend == domain) return fmt::format("{} at line {}", n.name, n.span.line);
  }
  return "?";
}

} // namespace

Coordinator::Coordinator(const graph::RenderGraph& graph, const ir::Module& module)
    : graph_(graph), module_(module) {
  output_offset_.reserve(graph.nodes.size());
  for (graph::RenderNodeId n = 0; n < graph.nodes.size(); ++n) {
    output_offset_.push_back(static_cast<std::uint32_t>(slot_output_.size()));
    for (std::uint32_t o = 0; o < graph.nodes[n].outputs.size(); ++o) {
      const graph::OutputRef ref{n, o};
      const auto [instance, strand] = graph.output_key(ref);
      slot_by_name_.emplace(name_key(instance, strand),
                            static_cast<std::uint32_t>(slot_output_.size()));
      slot_output_.push_back(ref);
    }
  }
  exposed_.resize(slot_output_.size());
}

Coordinator::~Coordinator() {
  for (auto& b : backends_) b->cleanup();
}

void Coordinator::add_backend(std::unique_ptr<Backend> backend) {
  backend_of_domain_[static_cast<std::size_t>(backend->domain())] =
      static_cast<int>(backends_.size());
  backends_.push_back(std::move(backend));
}

Backend* Coordinator::backend(ir::Domain domain) const {
  const int i = backend_of_domain_[static_cast<std::size_t>(domain)];
  return i < 0 ? nullptr : backends_[static_cast<std::size_t>(i)].get();
}

std::optional<graph::OutputRef> Coordinator::find(std::string_view instance,
                                                  std::string_view strand) const {
  auto it = slot_by_name_.find(name_key(instance, strand));
  if (it == slot_by_name_.end()) return std::nullopt;
  return slot_output_[it->second];
}

void Coordinator::expose(std::string_view instance, std::string_view strand,
                         DataReference reference) {
  ++exposes_;
  auto output = find(instance, strand);
  if (!output) {
    errors_.push_back(fmt::format("expose of unknown output '{}', '{}'", instance, strand));
    return;
  }
  exposed_[slot(*output)] = std::move(reference);
}

DataReference Coordinator::lookup(std::string_view instance, std::string_view strand) {
  auto output = find(instance, strand);
  if (!output) {
    ++lookups_;
    if (executing_) ++lookups_while_executing_;
    errors_.push_back(fmt::format("lookup of unknown output '{}', '{}'", instance, strand));
    return {};
  }
  return lookup(*output);
}

DataReference Coordinator::lookup(graph::OutputRef output) {
  ++lookups_;
  if (executing_) ++lookups_while_executing_;
  return answer(output);
}

DataReference Coordinator::lookup_owned(ir::NodeId node) {
  auto output = graph_.owned_outputs.find(node);
  return output != graph_.owned_outputs.end() ? lookup(output->second) : DataReference();
}

/// Owned stateful or hardware outputs: the buffer their backend exposed. Anything else: a value
/// getter, the producer's if it exposed one, else one made from the IR (the reader recomputes).
DataReference Coordinator::answer(graph::OutputRef output) {
  const graph::RenderNode& node = graph_.nodes[output.node];
  const DataReference& exposed = exposed_[slot(output)];
  if (node.has_buffer_output()) {
    if (exposed.valid() && exposed.path() == graph::AccessPathKind::BufferHandle) return exposed;
    errors_.push_back(fmt::format("'{}' is read before its backend exposed its buffer",
                                  graph_.output_label(output)));
    return {};
  }
  if (exposed.getter()) return exposed;
  return DataReference::getter(ValueGetter(&module_.graph, graph_.output(output).value));
}

void Coordinator::execute(const ExecuteContext& context) {
  executing_ = true;
  for (auto& b : backends_) b->execute(context);
  executing_ = false;
}

CompileResult compile_program(const graph::RenderGraph& graph, const ir::Module& module,
                              const BackendRegistry& registry) {
  CompileResult result;
  auto program = std::make_unique<Coordinator>(graph, module);
  for (ir::Domain d : domains_in_use(graph)) {
    std::unique_ptr<Backend> backend = registry.create(d);
    if (!backend) {
      result.error = fmt::format("the {} domain is not supported yet (no backend is registered "
                                 "for it; needed by {})",
                                 ir::domain_name(d), first_user(graph, d));
      return result;
    }
    program->add_backend(std::move(backend));
  }
  const CompileEnvironment env{module, graph};
  // Batches in compile order: every cross-backend input is exposed before it is looked up.
  for (const graph::Batch& batch : graph.batches) {
    CompileStatus status = program->backend(batch.backend)->compile_nodes(batch, env, *program);
    if (!status.ok()) {
      result.error = std::move(status.error);
      return result;
    }
  }
  // Sinks last: they read nodes of any batch.
  for (const auto& backend : program->backends_) {
    std::vector<const graph::RenderSink*> sinks;
    for (const graph::RenderSink& s : graph.sinks) {
      if (s.domain == backend->domain()) sinks.push_back(&s);
    }
    CompileStatus status = backend->compile_sinks(sinks, env, *program);
    if (!status.ok()) {
      result.error = std::move(status.error);
      return result;
    }
  }
  result.program = std::move(program);
  return result;
}

} // namespace weft::runtime
