#pragma once
// The station's HTTP/1.1 front: accepts connections and hands each request
// to a handler as a plain ApiRequest. Beast stays inside http_server.cpp.
#include "net/protocol/result.hpp"
#include "server/api/api_message.hpp"
#include "server/api/stream_hub.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace motcua::station {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 0; // 0: the system picks one; see HttpServer::port()
  int threads = 2;         // I/O: accepting, reading, writing, the stream's pushes
  // Handlers may block (a journal commit, a password hash), so they run on
  // their own threads and the I/O threads never wait for them. Blocked
  // handlers cost no CPU; their number bounds how many requests are answered
  // at once, and so how many tickets one journal commit can carry.
  int handler_threads = 32;
  std::size_t max_connections = 64;
  // A request (headers and body) must arrive within this time, and an idle
  // keep-alive connection is closed after it: slow clients cannot hold a slot.
  std::chrono::milliseconds read_timeout{15000};
  std::chrono::milliseconds write_timeout{15000};
  std::size_t body_limit = kMaxRequestBodyBytes;
  std::size_t header_limit = kMaxRequestHeaderBytes;
  // PEM files; both set: every connection is TLS (HTTPS and WSS), none plain.
  std::string tls_certificate_file; // the certificate (chain), leaf first
  std::string tls_private_key_file;
};

// Called on a handler thread, possibly on several at once; may block.
using RequestHandler = std::function<ApiResponse(const ApiRequest &)>;

// A WebSocket push: an upgrade request on `path` (or, with `path_is_prefix`,
// under it) that `authorize` accepts (returns nullopt) becomes a subscriber of
// `hub`; text frames only, server to client. A subscriber that falls too far
// behind is disconnected.
struct StreamEndpoint {
  StreamHub *hub = nullptr; // nullptr: no WebSocket endpoint
  std::function<std::optional<ApiResponse>(const ApiRequest &)> authorize;
  std::string path = "/api/v1/stream";
  bool path_is_prefix = false;
  // 0: its subscribers share HttpServerOptions::max_connections with every
  // request. Otherwise they have this many places of their own and take none
  // of those (the citizens' phones must never crowd out kiosks and counters);
  // one more is answered 503.
  std::size_t max_subscribers = 0;
  // Set: a subscriber gets, instead of each hub message, what this renders
  // for its own upgrade request at that moment (on a handler thread: it may
  // block), unless empty or the same as the last it got; and one render right
  // after it subscribes. Messages that come during a render make one more.
  std::function<std::string(const ApiRequest &)> render;
};

class HttpServer {
public:
  // Binds, listens and starts the I/O threads. The error names the address.
  static Result<std::unique_ptr<HttpServer>>
  start(HttpServerOptions options, RequestHandler handler,
        std::vector<StreamEndpoint> streams = {});
  ~HttpServer(); // stop()

  std::string host() const;
  bool tls() const;
  // SHA-256 of the served certificate (DER), lowercase hex; empty without TLS.
  // Kiosks pin it at enrollment; the station logs it for technicians.
  std::string tls_certificate_sha256() const;
  unsigned short port() const; // the bound port, also when 0 was asked for

  // Whether an I/O thread picks up a task within `timeout`: what the systemd
  // watchdog is told, so all threads stuck means a restart.
  bool responsive(std::chrono::milliseconds timeout);

  // Stops accepting, lets requests in progress finish (briefly), closes every
  // connection and joins the threads. Idempotent.
  void stop();

  struct Impl;

private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

} // namespace motcua::station
