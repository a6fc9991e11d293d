#pragma once
// Fan-out of queue events to /api/v1/stream subscribers. No sockets here: the
// HTTP front subscribes one sink per WebSocket; a sink must not block (it
// queues the message on its connection and returns).
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace motcua::station {

class StreamHub {
public:
  using Message = std::shared_ptr<const std::string>;
  using Sink = std::function<void(Message)>;

  // The retained message, if any, goes to the new sink first, then every
  // message published after it: a subscriber never sees an older state after
  // a newer one.
  std::uint64_t subscribe(Sink sink);
  void unsubscribe(std::uint64_t id);
  // To every subscriber, in publish order. `retain`: also kept for those who
  // subscribe later (the latest counts: a kiosk that connects shows the line
  // lengths at once, not only after the next change), replacing the last one.
  void publish(std::string text, bool retain = false);
  // Nothing retained any more (a new day: yesterday's counts would mislead).
  void forget_retained();
  std::size_t subscribers() const;

private:
  mutable std::mutex mutex_;
  std::uint64_t next_id_ = 1;
  std::map<std::uint64_t, Sink> sinks_;
  Message retained_;
};

} // namespace motcua::station
