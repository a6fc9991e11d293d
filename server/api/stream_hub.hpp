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

  std::uint64_t subscribe(Sink sink);
  void unsubscribe(std::uint64_t id);
  void publish(std::string text); // to every subscriber, in publish order
  std::size_t subscribers() const;

private:
  mutable std::mutex mutex_;
  std::uint64_t next_id_ = 1;
  std::map<std::uint64_t, Sink> sinks_;
};

} // namespace motcua::station
