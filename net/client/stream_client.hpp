#pragma once
// The kiosk's subscription to the station's live queue (/api/v1/stream, a
// WebSocket): keeps the people waiting per service current on the screens.
// Its own Asio thread; reconnects with capped exponential backoff and jitter
// (the outbox's policy) whenever the station goes away. Callbacks run on that
// thread: the kiosk pushes them to its loop as SDL user events.
#include "net/client/station_client.hpp"
#include "net/journal/outbox_policy.hpp"
#include "net/protocol/queue_stream.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace motcua::net {

struct StreamOptions {
  BackoffPolicy backoff{Millis(500), Millis(30000)};
  Millis connect_timeout{3000}; // TCP connect and WebSocket handshake
  // Silence after which the connection is pinged, and then given up: a
  // station that vanished without closing is noticed.
  Millis idle_timeout{20000};
  std::string path = "/api/v1/stream";
  std::string bearer_token; // for the first connection; later: set_bearer_token
};

class StreamClient {
public:
  // `on_counts`: every "counts" event; `on_connection`: true once subscribed,
  // false when the subscription is lost (then it reconnects by itself).
  // `random` in [0, 1) for the jitter.
  StreamClient(StationAddress address, std::function<void(WaitingCounts)> on_counts,
               std::function<void(bool connected)> on_connection,
               std::function<double()> random, StreamOptions options = {});
  ~StreamClient(); // closes the connection and joins; no callback after it returns

  // The kiosk's bearer token (empty: none) for the next connection.
  void set_bearer_token(std::string token);

private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

} // namespace motcua::net
