#include "runtime/data_reference.h"

namespace weft::runtime {

DataReference DataReference::ring(std::shared_ptr<const SampleRing> ring) {
  DataReference r;
  r.target_ = std::move(ring);
  return r;
}

DataReference DataReference::frame(std::shared_ptr<const FrameBuffer> frame) {
  DataReference r;
  r.target_ = std::move(frame);
  return r;
}

DataReference DataReference::getter(ValueGetter getter) {
  DataReference r;
  r.target_ = getter;
  return r;
}

graph::AccessPathKind DataReference::path() const noexcept {
  return getter() ? graph::AccessPathKind::ValueGetter : graph::AccessPathKind::BufferHandle;
}

std::optional<graph::BufferKind> DataReference::buffer_kind() const noexcept {
  if (ring()) return graph::BufferKind::SampleRing;
  if (frame()) return graph::BufferKind::Frame;
  return std::nullopt;
}

const SampleRing* DataReference::ring() const noexcept {
  const auto* p = std::get_if<std::shared_ptr<const SampleRing>>(&target_);
  return p ? p->get() : nullptr;
}

const FrameBuffer* DataReference::frame() const noexcept {
  const auto* p = std::get_if<std::shared_ptr<const FrameBuffer>>(&target_);
  return p ? p->get() : nullptr;
}

} // namespace weft::runtime
