/// \file
/// What a pattern query produces: time spans over exact rational cycles, events (whole span, part
/// span, value, optional `:` value) and EventBuffer, the fixed-capacity storage a query writes
/// into (the caller owns it and sizes it once, from Pattern::max_events; a query never allocates).
/// Implements: LANGUAGE.md §8.11 (events, onsets). Tests: tests/patterns/query_test.cpp.
/// Real-time: yes (every function; no allocation).
#pragma once

#include "exact/rational.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace weft::patterns {

using exact::Rational;

/// A half-open span of cycles [begin, end).
struct TimeSpan {
  Rational begin;
  Rational end;
  friend bool operator==(const TimeSpan&, const TimeSpan&) = default;
};

/// Index into Pattern::values(); kNoValue for "none" (an event without a `:` value).
inline constexpr std::uint32_t kNoValue = 0xffffffffu;

/// One event: `whole` is its full span, `part` the fragment inside the query.
struct Event {
  TimeSpan whole;
  TimeSpan part;
  std::uint32_t value = kNoValue; ///< the step's value
  std::uint32_t tail = kNoValue;  ///< the value after `:` (x:v), or kNoValue
  /// The fragment holds the event's start (part.begin == whole.begin).
  bool has_onset() const noexcept { return part.begin == whole.begin; }
  friend bool operator==(const Event&, const Event&) = default;
};

/// Caller-owned storage for the events of one query. Appending beyond the capacity drops the
/// event and sets the overflow flag.
class EventBuffer {
public:
  explicit EventBuffer(std::span<Event> storage) noexcept : storage_(storage) {}

  std::size_t size() const noexcept { return size_; }
  std::size_t capacity() const noexcept { return storage_.size(); }
  bool overflowed() const noexcept { return overflowed_; }
  Event& operator[](std::size_t i) noexcept { return storage_[i]; }
  const Event& operator[](std::size_t i) const noexcept { return storage_[i]; }
  std::span<const Event> events() const noexcept { return storage_.first(size_); }

  /// Appends `e`; false (and the overflow flag) when full.
  bool push(const Event& e) noexcept {
    if (size_ == storage_.size()) {
      overflowed_ = true;
      return false;
    }
    storage_[size_++] = e;
    return true;
  }
  /// Keeps the first `n` events.
  void truncate(std::size_t n) noexcept { size_ = n < size_ ? n : size_; }
  /// Removes events [from, to), moving the later ones down.
  void erase(std::size_t from, std::size_t to) noexcept;
  void clear() noexcept {
    size_ = 0;
    overflowed_ = false;
  }

private:
  std::span<Event> storage_;
  std::size_t size_ = 0;
  bool overflowed_ = false;
};

inline void EventBuffer::erase(std::size_t from, std::size_t to) noexcept {
  std::size_t out = from;
  for (std::size_t i = to; i < size_; ++i) storage_[out++] = storage_[i];
  size_ = out;
}

} // namespace weft::patterns
