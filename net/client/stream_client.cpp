// The only translation unit of the kiosk that speaks WebSocket.
#include "net/client/stream_client.hpp"

#include "net/tls/any_stream.hpp"

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
        on_connection(std::move(connection)), random(std::move(r)), options(std::move(o)),
        pin(address.certificate_sha256) {
    if (address.tls) {
      tls.emplace(pinned_client_context(pin));
    }
  }

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
    if (tls)
      ws.emplace(std::in_place_type<websocket::stream<TlsStream>>, ioc, *tls);
    else
      ws.emplace(std::in_place_type<websocket::stream<PlainStream>>, ioc);
    auto &layer = lowest_layer(*ws);
    layer.expires_after(options.connect_timeout);
    layer.async_connect(endpoints, [self = shared_from_this()](beast::error_code ec,
                                                               const tcp::endpoint &) {
      if (ec)
        return self->lost();
      self->secure();
    });
  }

  // TLS under the WebSocket, when the station is https.
  void secure() {
    auto *wss = std::get_if<websocket::stream<TlsStream>>(&*ws);
    if (!wss)
      return handshake();
    SSL_set_tlsext_host_name(wss->next_layer().native_handle(), address.host.c_str());
    wss->next_layer().async_handshake(asio::ssl::stream_base::client,
                                      [self = shared_from_this()](beast::error_code ec) {
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
    const std::string host = address.host + ":" + address.port;
    std::visit(
        [&](auto &w) {
          w.set_option(websocket::stream_base::decorator(
              [authorization](websocket::request_type &request) {
                request.set(beast::http::field::user_agent, "motcua-kiosk");
                if (!authorization.empty())
                  request.set(beast::http::field::authorization, authorization);
              }));
          w.async_handshake(host, options.path,
                            [self = shared_from_this()](beast::error_code ec) {
                              if (ec)
                                return self->lost();
                              self->established();
                            });
        },
        *ws);
  }

  void established() {
    // From here the WebSocket's own timer watches the connection.
    lowest_layer(*ws).expires_never();
    websocket::stream_base::timeout timeout{};
    timeout.handshake_timeout = options.connect_timeout;
    timeout.idle_timeout = options.idle_timeout;
    timeout.keep_alive_pings = true;
    std::visit([&](auto &w) { w.set_option(timeout); }, *ws);
    failures = 0;
    connected = true;
    report(true);
    read();
  }

  void read() {
    std::visit(
        [this](auto &w) {
          w.async_read(
              buffer, [self = shared_from_this()](beast::error_code ec, std::size_t) {
                if (ec)
                  return self->lost();
                auto counts =
                    parse_waiting_counts(beast::buffers_to_string(self->buffer.data()));
                self->buffer.consume(self->buffer.size());
                if (counts && self->on_counts && !self->stopped)
                  self->on_counts(std::move(*counts));
                self->read();
              });
        },
        *ws);
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
      lowest_layer(*ws).socket().close(ignored);
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
  CertificatePin pin;                    // the station's certificate, over TLS
  std::optional<asio::ssl::context> tls; // set: wss
  std::optional<AnyWebSocket> ws;
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
