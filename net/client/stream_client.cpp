// The only translation unit of the kiosk that speaks WebSocket.
#include "net/client/stream_client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <mutex>
#include <optional>
#include <thread>

namespace motcua::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

struct StreamClient::Impl : std::enable_shared_from_this<Impl> {
  Impl(StationAddress a, std::function<void(WaitingCounts)> counts,
       std::function<void(bool)> connection, std::function<double()> r, StreamOptions o)
      : address(std::move(a)), on_counts(std::move(counts)),
        on_connection(std::move(connection)), random(std::move(r)),
        options(std::move(o)) {}

  // Everything below runs on the io thread only.

  void connect() {
    if (stopped)
      return;
    resolver.async_resolve(address.host, address.port,
                           [self = shared_from_this()](
                               beast::error_code ec, tcp::resolver::results_type found) {
                             if (ec)
                               return self->lost();
                             self->open(found);
                           });
  }

  void open(const tcp::resolver::results_type &endpoints) {
    ws.emplace(ioc);
    auto &layer = beast::get_lowest_layer(*ws);
    layer.expires_after(options.connect_timeout);
    layer.async_connect(endpoints, [self = shared_from_this()](beast::error_code ec,
                                                               const tcp::endpoint &) {
      if (ec)
        return self->lost();
      self->handshake();
    });
  }

  void handshake() {
    std::string authorization;
    {
      std::lock_guard lock(token_mutex);
      if (!token.empty())
        authorization = "Bearer " + token;
    }
    ws->set_option(websocket::stream_base::decorator(
        [authorization](websocket::request_type &request) {
          request.set(beast::http::field::user_agent, "motcua-kiosk");
          if (!authorization.empty())
            request.set(beast::http::field::authorization, authorization);
        }));
    const std::string host = address.host + ":" + address.port;
    ws->async_handshake(host, options.path,
                        [self = shared_from_this()](beast::error_code ec) {
                          if (ec)
                            return self->lost();
                          // From here the WebSocket's own timer watches the connection.
                          beast::get_lowest_layer(*self->ws).expires_never();
                          websocket::stream_base::timeout timeout{};
                          timeout.handshake_timeout = self->options.connect_timeout;
                          timeout.idle_timeout = self->options.idle_timeout;
                          timeout.keep_alive_pings = true;
                          self->ws->set_option(timeout);
                          self->failures = 0;
                          self->connected = true;
                          self->report(true);
                          self->read();
                        });
  }

  void read() {
    ws->async_read(buffer, [self = shared_from_this()](beast::error_code ec,
                                                       std::size_t) {
      if (ec)
        return self->lost();
      auto counts = parse_waiting_counts(beast::buffers_to_string(self->buffer.data()));
      self->buffer.consume(self->buffer.size());
      if (counts && self->on_counts && !self->stopped)
        self->on_counts(std::move(*counts));
      self->read();
    });
  }

  // Any failure: drop the connection and try again after the backoff.
  void lost() {
    ws.reset();
    if (stopped)
      return;
    if (connected) {
      connected = false;
      report(false);
    }
    ++failures;
    retry.expires_after(
        backoff_delay(options.backoff, failures, random ? random() : 0.5));
    retry.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec)
        self->connect();
    });
  }

  void report(bool up) {
    if (on_connection && !stopped)
      on_connection(up);
  }

  void shut_down() {
    stopped = true;
    retry.cancel();
    resolver.cancel();
    if (ws) {
      beast::error_code ignored;
      beast::get_lowest_layer(*ws).socket().close(ignored);
    }
  }

  StationAddress address;
  std::function<void(WaitingCounts)> on_counts;
  std::function<void(bool)> on_connection;
  std::function<double()> random;
  StreamOptions options;
  asio::io_context ioc{1};
  tcp::resolver resolver{ioc};
  asio::steady_timer retry{ioc};
  std::optional<websocket::stream<beast::tcp_stream>> ws;
  beast::flat_buffer buffer;
  int failures = 0;
  bool connected = false;
  bool stopped = false;
  std::mutex token_mutex;
  std::string token; // guarded by token_mutex
  std::thread thread;
};

StreamClient::StreamClient(StationAddress address,
                           std::function<void(WaitingCounts)> on_counts,
                           std::function<void(bool connected)> on_connection,
                           std::function<double()> random, StreamOptions options)
    : impl_(std::make_shared<Impl>(std::move(address), std::move(on_counts),
                                   std::move(on_connection), std::move(random),
                                   std::move(options))) {
  impl_->token = impl_->options.bearer_token;
  asio::post(impl_->ioc, [impl = impl_] { impl->connect(); });
  impl_->thread = std::thread([impl = impl_.get()] {
    while (true) {
      try {
        impl->ioc.run();
        return;
      } catch (const std::exception &) {
        // A throwing callback must not end the subscription; carry on.
      }
    }
  });
}

StreamClient::~StreamClient() {
  asio::post(impl_->ioc, [impl = impl_.get()] { impl->shut_down(); });
  // Handlers still pending complete with errors and stop; run() then returns.
  impl_->thread.join();
}

void StreamClient::set_bearer_token(std::string token) {
  std::lock_guard lock(impl_->token_mutex);
  impl_->token = std::move(token);
}

} // namespace motcua::net
