#include "server/api/stream_hub.hpp"

namespace motcua::station {

std::uint64_t StreamHub::subscribe(Sink sink) {
  std::lock_guard lock(mutex_);
  const auto id = next_id_++;
  if (retained_)
    sink(retained_);
  sinks_.emplace(id, std::move(sink));
  return id;
}

void StreamHub::unsubscribe(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  sinks_.erase(id);
}

void StreamHub::publish(std::string text, bool retain) {
  auto message = std::make_shared<const std::string>(std::move(text));
  // Held while delivering so messages reach every sink in the same order.
  std::lock_guard lock(mutex_);
  if (retain)
    retained_ = message;
  for (auto &[id, sink] : sinks_)
    sink(message);
}

void StreamHub::forget_retained() {
  std::lock_guard lock(mutex_);
  retained_.reset();
}

std::size_t StreamHub::subscribers() const {
  std::lock_guard lock(mutex_);
  return sinks_.size();
}

} // namespace motcua::station
