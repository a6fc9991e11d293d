// The only translation unit of the station that includes Beast: it compiles
// slowly, so everything testable lives in server/api instead.
#include "server/http/http_server.hpp"

#include "net/tls/any_stream.hpp"
#include "net/tls/certificate_pin.hpp"
#include "server/log.hpp"
#include "server/version.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <array>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace motcua::station {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {
using net::AnyStream;
using net::AnyWebSocket;
using net::lowest_layer;
using net::PlainStream;
using net::TlsStream;

class Session;
class StreamSession;
// Messages a stream subscriber may have queued before it counts as stuck.
constexpr std::size_t kMaxQueuedStreamMessages = 1024;
constexpr std::chrono::seconds kStopGrace{2};
constexpr std::chrono::seconds kLingerTime{2};
constexpr std::size_t kLingerBytes = 256 * 1024;
} // namespace

struct HttpServer::Impl {
  Impl(HttpServerOptions opts, RequestHandler h, std::vector<StreamEndpoint> s)
      : options(std::move(opts)), handler(std::move(h)), endpoints(std::move(s)),
        open_streams(endpoints.size(), 0), ioc(options.threads > 0 ? options.threads : 1),
        handlers(static_cast<std::size_t>(
            options.handler_threads > 0 ? options.handler_threads : 1)) {}

  void do_accept();
  void on_accept(beast::error_code ec, tcp::socket socket);
  void session_started(Session *session, std::weak_ptr<Session> weak);
  void session_ended(Session *session);
  // A place for one more subscriber of endpoints[endpoint], or false when
  // its own places are all taken; stream_ended gives it back.
  bool admit_stream(std::size_t endpoint);
  void stream_started(StreamSession *stream, std::weak_ptr<StreamSession> weak);
  void stream_ended(StreamSession *stream, std::size_t endpoint);
  void stop();

  HttpServerOptions options;
  RequestHandler handler;
  std::vector<StreamEndpoint> endpoints;
  std::atomic<bool> stopping{false};
  bool stopped = false; // guarded by stop_mutex
  std::mutex stop_mutex;

  // Declared before the io_context: sessions still queued in it when it is
  // destroyed unregister themselves here.
  std::mutex sessions_mutex;
  std::condition_variable sessions_idle;
  std::unordered_map<Session *, std::weak_ptr<Session>> sessions;
  std::unordered_map<StreamSession *, std::weak_ptr<StreamSession>> streams;
  std::vector<std::size_t> open_streams; // per endpoint

  std::optional<asio::ssl::context> tls; // set: every connection is TLS
  std::string tls_sha256;

  asio::io_context ioc;
  tcp::acceptor acceptor{asio::make_strand(ioc)};
  tcp::endpoint bound;
  std::vector<std::thread> threads;
  // After the io_context: handlers still queued here when it is destroyed
  // hold sessions, whose sockets need the io_context.
  asio::thread_pool handlers;
};

namespace {

bool is_http_parse_error(const beast::error_code &ec) {
  return ec.category() == beast::error_code(http::error::bad_target).category();
}

// One stream subscriber: hub messages (or what the endpoint renders for this
// subscriber) are queued on the connection's strand and written one at a time;
// what the client sends is read and dropped (reading is how a close or a dead
// peer is noticed).
class StreamSession : public std::enable_shared_from_this<StreamSession> {
public:
  StreamSession(AnyStream &&stream, HttpServer::Impl &server, std::size_t endpoint,
                ApiRequest subscriber)
      : ws_(std::visit(
            [](auto &s) -> AnyWebSocket {
              return websocket::stream<std::decay_t<decltype(s)>>(std::move(s));
            },
            stream)),
        server_(server), endpoint_(endpoint), subscriber_(std::move(subscriber)) {}
  ~StreamSession() {
    if (subscription_)
      hub().unsubscribe(subscription_);
    server_.stream_ended(this, endpoint_);
  }

  void start(http::request<http::string_body> request) {
    server_.stream_started(this, weak_from_this());
    lowest_layer(ws_).expires_never();
    request_ = std::move(request); // must outlive the handshake
    std::visit(
        [this](auto &ws) {
          ws.set_option(
              websocket::stream_base::timeout::suggested(beast::role_type::server));
          ws.set_option(
              websocket::stream_base::decorator([](websocket::response_type &res) {
                res.set(http::field::server,
                        "motcua-station/" + std::string(station_version()));
              }));
          ws.async_accept(request_, beast::bind_front_handler(&StreamSession::on_accept,
                                                              shared_from_this()));
        },
        ws_);
  }

  void close() {
    asio::post(executor(), [self = shared_from_this()] {
      if (self->closing_)
        return;
      self->closing_ = true;
      std::visit(
          [&self](auto &ws) {
            ws.async_close(websocket::close_code::going_away, [self](beast::error_code) {
              // The peer may be gone already; dropping the session ends it anyway.
            });
          },
          self->ws_);
    });
  }

private:
  PlainStream::executor_type executor() { return lowest_layer(ws_).get_executor(); }
  const StreamEndpoint &endpoint() const { return server_.endpoints[endpoint_]; }
  StreamHub &hub() { return *endpoint().hub; }

  void on_accept(beast::error_code ec) {
    if (ec)
      return; // the handshake failed; nothing to say to the peer
    std::weak_ptr<StreamSession> weak = shared_from_this();
    subscription_ = hub().subscribe([weak](StreamHub::Message message) {
      if (auto self = weak.lock())
        asio::post(self->executor(),
                   [self, message = std::move(message)] { self->on_message(message); });
    });
    std::visit([](auto &ws) { ws.text(true); }, ws_);
    if (endpoint().render)
      render();
    do_read();
  }

  void on_message(const StreamHub::Message &message) {
    if (!endpoint().render)
      return enqueue(message);
    if (rendering_)
      render_again_ = true; // the render under way may have read the state before
    else
      render();
  }

  // One render at a time, so a frame never shows an older state than the one
  // before it.
  void render() {
    rendering_ = true;
    render_again_ = false;
    asio::post(server_.handlers, [self = shared_from_this()] {
      auto frame =
          std::make_shared<const std::string>(self->endpoint().render(self->subscriber_));
      asio::post(self->executor(), [self, frame] {
        self->rendering_ = false;
        if (!frame->empty() && *frame != self->last_rendered_) {
          self->last_rendered_ = *frame;
          self->enqueue(frame);
        }
        if (self->render_again_)
          self->render();
      });
    });
  }

  void do_read() {
    std::visit(
        [this](auto &ws) {
          ws.async_read(incoming_,
                        [self = shared_from_this()](beast::error_code ec, std::size_t) {
                          if (ec)
                            return; // closed or failed: the session ends with its last
                                    // handler
                          self->incoming_.consume(self->incoming_.size());
                          self->do_read();
                        });
        },
        ws_);
  }

  void enqueue(const StreamHub::Message &message) {
    if (closing_)
      return;
    if (queue_.size() >= kMaxQueuedStreamMessages) {
      log_problem("a stream subscriber fell behind; disconnecting it");
      closing_ = true;
      lowest_layer(ws_).close();
      return;
    }
    queue_.push_back(message);
    if (queue_.size() == 1)
      do_write();
  }

  void do_write() {
    std::visit(
        [this](auto &ws) {
          ws.async_write(asio::buffer(*queue_.front()),
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                           if (ec)
                             return; // the read side notices too and ends the session
                           self->queue_.pop_front();
                           if (!self->queue_.empty())
                             self->do_write();
                         });
        },
        ws_);
  }

  AnyWebSocket ws_;
  HttpServer::Impl &server_;
  std::size_t endpoint_;
  const ApiRequest subscriber_; // its upgrade request, for render
  std::string last_rendered_;
  bool rendering_ = false;
  bool render_again_ = false;
  http::request<http::string_body> request_;
  beast::flat_buffer incoming_;
  std::deque<StreamHub::Message> queue_;
  std::uint64_t subscription_ = 0;
  bool closing_ = false;
};

// One connection: read a request, answer it, repeat while keep-alive holds.
class Session : public std::enable_shared_from_this<Session> {
public:
  Session(tcp::socket &&socket, HttpServer::Impl &server)
      : stream_(
            server.tls
                ? AnyStream(std::in_place_type<TlsStream>, std::move(socket), *server.tls)
                : AnyStream(std::in_place_type<PlainStream>, std::move(socket))),
        server_(server) {}
  ~Session() { server_.session_ended(this); }

  void start() {
    asio::dispatch(executor(),
                   beast::bind_front_handler(&Session::handshake, shared_from_this()));
  }

  // From stop(): close the connection if it is waiting for a request. One in
  // the middle of a request finishes it and closes after the answer.
  void close_if_idle() {
    asio::post(executor(), [self = shared_from_this()] {
      if (self->state_ == State::reading)
        lowest_layer(self->stream_).close();
    });
  }

private:
  enum class State { reading, answering, lingering };

  PlainStream::executor_type executor() { return lowest_layer(stream_).get_executor(); }

  // The first endpoint with a hub whose path the target's path is, or is under.
  std::optional<std::size_t> stream_endpoint(std::string_view target) const {
    const auto path = target.substr(0, target.find('?'));
    for (std::size_t i = 0; i < server_.endpoints.size(); ++i) {
      const auto &endpoint = server_.endpoints[i];
      if (endpoint.hub && (endpoint.path_is_prefix ? path.starts_with(endpoint.path)
                                                   : path == endpoint.path))
        return i;
    }
    return std::nullopt;
  }

  // TLS first, within the read timeout: a peer that never finishes its
  // handshake holds a slot no longer than one that never sends a request.
  void handshake() {
    auto *tls = std::get_if<TlsStream>(&stream_);
    if (!tls)
      return do_read();
    lowest_layer(stream_).expires_after(server_.options.read_timeout);
    tls->async_handshake(asio::ssl::stream_base::server,
                         [self = shared_from_this()](beast::error_code ec) {
                           if (ec)
                             return; // not TLS, or a certificate the peer refused
                           self->do_read();
                         });
  }

  void do_read() {
    if (server_.stopping)
      return close();
    state_ = State::reading;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    parser_->body_limit(server_.options.body_limit);
    lowest_layer(stream_).expires_after(server_.options.read_timeout);
    std::visit(
        [this](auto &stream) {
          http::async_read(
              stream, buffer_, *parser_,
              beast::bind_front_handler(&Session::on_read, shared_from_this()));
        },
        stream_);
  }

  void on_read(beast::error_code ec, std::size_t) {
    state_ = State::answering;
    if (ec == http::error::end_of_stream || ec == http::error::partial_message ||
        ec == asio::ssl::error::stream_truncated)
      return close();
    if (ec == http::error::body_limit)
      return answer_and_close(error_response(
          413, "body_too_large",
          "the body exceeds " + std::to_string(server_.options.body_limit) + " bytes"));
    if (ec == http::error::header_limit || ec == http::error::buffer_overflow)
      return answer_and_close(
          error_response(431, "headers_too_large",
                         "the headers exceed " +
                             std::to_string(server_.options.header_limit) + " bytes"));
    if (ec && is_http_parse_error(ec))
      return answer_and_close(
          error_response(400, "bad_request", "the request is not valid HTTP/1.1"));
    if (ec)
      return; // timeout, reset or cancelled: nobody to answer; the socket closes

    auto &request = parser_->get();
    ApiRequest api;
    api.method = std::string(request.method_string());
    api.target = std::string(request.target());
    api.content_type = std::string(request[http::field::content_type]);
    api.if_none_match = std::string(request[http::field::if_none_match]);
    api.authorization = std::string(request[http::field::authorization]);
    beast::error_code ignored; // a peer gone already has no address; it gets none
    api.remote_address =
        lowest_layer(stream_).socket().remote_endpoint(ignored).address().to_string();
    if (websocket::is_upgrade(request))
      if (auto endpoint = stream_endpoint(api.target)) {
        const auto &wanted = server_.endpoints[*endpoint];
        if (wanted.authorize)
          if (auto refused = wanted.authorize(api))
            return answer_and_close(*refused);
        if (!server_.admit_stream(*endpoint)) {
          auto busy =
              error_response(503, "busy", "too many subscribers; try again later");
          busy.headers.emplace_back("Retry-After", "30");
          return answer_and_close(busy);
        }
        auto stream =
            std::make_shared<StreamSession>(std::move(stream_), server_, *endpoint, api);
        stream->start(parser_->release());
        return; // this session ends here; the stream owns the connection
      }
    api.body = std::move(request.body());
    // On a handler thread: it may wait for a commit. The answer comes back to
    // this connection's strand. Nothing is read meanwhile (no pipelining).
    asio::post(server_.handlers, [self = shared_from_this(), api = std::move(api),
                                  keep_alive = request.keep_alive()] {
      auto response = std::make_shared<ApiResponse>(self->handle(api));
      asio::post(self->executor(), [self, response, keep_alive] {
        self->send(*response, keep_alive && !self->server_.stopping);
      });
    });
  }

  ApiResponse handle(const ApiRequest &request) {
    try {
      return server_.handler(request);
    } catch (const std::exception &e) {
      log_problem(std::string("handler failed: ") + e.what());
    } catch (...) {
      log_problem("handler failed");
    }
    return error_response(500, "internal_error", "the station failed to answer");
  }

  // After an error the peer may still be sending (a body over the limit).
  void answer_and_close(const ApiResponse &response) {
    linger_after_answer_ = true;
    send(response, false);
  }

  void send(const ApiResponse &api, bool keep_alive) {
    response_ = {};
    response_.version(11);
    response_.result(static_cast<unsigned>(api.status));
    response_.set(http::field::server,
                  "motcua-station/" + std::string(station_version()));
    if (!api.content_type.empty())
      response_.set(http::field::content_type, api.content_type);
    for (const auto &[name, value] : api.headers)
      response_.set(name, value);
    response_.body() = api.body;
    response_.keep_alive(keep_alive);
    if (api.status != 304) // a 304 has no body and must not claim a length of 0
      response_.prepare_payload();
    lowest_layer(stream_).expires_after(server_.options.write_timeout);
    std::visit(
        [this](auto &stream) {
          http::async_write(
              stream, response_,
              beast::bind_front_handler(&Session::on_write, shared_from_this()));
        },
        stream_);
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (ec)
      return; // the peer is gone; dropping the session closes the socket
    if (!response_.keep_alive())
      return linger_after_answer_ ? linger() : close();
    do_read();
  }

  // Without a TLS close_notify: every answer carries its length, so the peer
  // cannot mistake a truncation for the end of one.
  void close() {
    beast::error_code ignored; // the peer may be gone already
    lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_send, ignored);
    lowest_layer(stream_).close();
  }

  // Half-close, then drain what the peer still sends for a moment: closing a
  // socket with unread input resets the connection, and the peer could lose
  // the error answer we just wrote (e.g. 413 while it is still uploading).
  void linger() {
    state_ = State::lingering;
    beast::error_code ec;
    lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_send,
                                            ec); // peer may be gone
    lowest_layer(stream_).expires_after(kLingerTime);
    drain();
  }

  // Raw bytes below TLS too: what is drained is never read.
  void drain() {
    lowest_layer(stream_).async_read_some(
        asio::buffer(discard_),
        [self = shared_from_this()](beast::error_code ec, std::size_t n) {
          self->drained_ += n;
          if (!ec && self->drained_ < kLingerBytes)
            self->drain();
          // else: EOF, timeout or too much: let the session go.
        });
  }

  AnyStream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  HttpServer::Impl &server_;
  State state_ = State::reading;
  std::array<char, 4096> discard_{};
  std::size_t drained_ = 0;
  bool linger_after_answer_ = false;
};

} // namespace

void HttpServer::Impl::do_accept() {
  acceptor.async_accept(asio::make_strand(ioc),
                        beast::bind_front_handler(&Impl::on_accept, this));
}

void HttpServer::Impl::on_accept(beast::error_code ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !acceptor.is_open())
    return; // stopping
  if (ec) {
    log_problem("accept failed: " + ec.message());
  } else if (!stopping) {
    std::size_t active;
    {
      std::lock_guard lock(sessions_mutex);
      active = sessions.size();
      for (std::size_t i = 0; i < endpoints.size(); ++i)
        if (endpoints[i].max_subscribers == 0)
          active += open_streams[i];
    }
    if (active >= options.max_connections) {
      // Closing at once tells the client to retry later; it costs us nothing.
      beast::error_code ignored;
      socket.close(ignored);
    } else {
      auto session = std::make_shared<Session>(std::move(socket), *this);
      session_started(session.get(), session);
      session->start();
    }
  }
  do_accept();
}

void HttpServer::Impl::session_started(Session *session, std::weak_ptr<Session> weak) {
  std::lock_guard lock(sessions_mutex);
  sessions.emplace(session, std::move(weak));
}

void HttpServer::Impl::session_ended(Session *session) {
  std::lock_guard lock(sessions_mutex);
  sessions.erase(session);
  if (sessions.empty() && streams.empty())
    sessions_idle.notify_all();
}

bool HttpServer::Impl::admit_stream(std::size_t endpoint) {
  std::lock_guard lock(sessions_mutex);
  const auto cap = endpoints[endpoint].max_subscribers;
  if (cap != 0 && open_streams[endpoint] >= cap)
    return false;
  ++open_streams[endpoint];
  return true;
}

void HttpServer::Impl::stream_started(StreamSession *stream,
                                      std::weak_ptr<StreamSession> weak) {
  std::lock_guard lock(sessions_mutex);
  streams.emplace(stream, std::move(weak));
}

void HttpServer::Impl::stream_ended(StreamSession *stream, std::size_t endpoint) {
  std::lock_guard lock(sessions_mutex);
  streams.erase(stream);
  --open_streams[endpoint];
  if (sessions.empty() && streams.empty())
    sessions_idle.notify_all();
}

void HttpServer::Impl::stop() {
  std::lock_guard stop_lock(stop_mutex);
  if (stopped)
    return;
  stopped = true;
  stopping = true;
  asio::post(acceptor.get_executor(), [this] {
    beast::error_code ignored;
    acceptor.close(ignored);
  });
  std::vector<std::shared_ptr<Session>> open;
  std::vector<std::shared_ptr<StreamSession>> open_streams;
  {
    std::lock_guard lock(sessions_mutex);
    for (auto &[raw, weak] : sessions)
      if (auto session = weak.lock())
        open.push_back(std::move(session));
    for (auto &[raw, weak] : streams)
      if (auto stream = weak.lock())
        open_streams.push_back(std::move(stream));
  }
  for (auto &session : open)
    session->close_if_idle();
  for (auto &stream : open_streams)
    stream->close();
  open.clear(); // our references must not keep sessions alive
  open_streams.clear();
  {
    std::unique_lock lock(sessions_mutex);
    sessions_idle.wait_for(lock, kStopGrace,
                           [this] { return sessions.empty() && streams.empty(); });
  }
  ioc.stop(); // whatever is left after the grace period is abandoned
  for (auto &thread : threads)
    if (thread.joinable())
      thread.join();
  handlers.stop(); // a handler running now finishes; queued ones are dropped
  handlers.join();
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::stop() { impl_->stop(); }

std::string HttpServer::host() const { return impl_->bound.address().to_string(); }

bool HttpServer::tls() const { return impl_->tls.has_value(); }

std::string HttpServer::tls_certificate_sha256() const { return impl_->tls_sha256; }

unsigned short HttpServer::port() const { return impl_->bound.port(); }

bool HttpServer::responsive(std::chrono::milliseconds timeout) {
  // Shared: if no I/O thread runs it in time, the task outlives this call.
  auto answered = std::make_shared<std::promise<void>>();
  auto future = answered->get_future();
  asio::post(impl_->ioc, [answered] { answered->set_value(); });
  return future.wait_for(timeout) == std::future_status::ready;
}

namespace {
struct ServerTls {
  asio::ssl::context context;
  std::string sha256;
};

// Nothing when the options name no certificate; an error names the file.
Result<std::optional<ServerTls>> make_server_tls(const HttpServerOptions &options) {
  const bool cert = !options.tls_certificate_file.empty();
  const bool key = !options.tls_private_key_file.empty();
  if (!cert && !key)
    return std::optional<ServerTls>{};
  if (cert != key)
    return unexpected(std::string("TLS needs both a certificate and its private key"));
  asio::ssl::context context(asio::ssl::context::tls_server);
  context.set_options(asio::ssl::context::default_workarounds |
                      asio::ssl::context::no_sslv2 | asio::ssl::context::no_sslv3 |
                      asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                      asio::ssl::context::single_dh_use);
  auto sha256 =
      net::load_server_certificate(context.native_handle(), options.tls_certificate_file,
                                   options.tls_private_key_file);
  if (!sha256)
    return unexpected(sha256.error());
  return std::optional<ServerTls>(ServerTls{std::move(context), std::move(*sha256)});
}
} // namespace

Result<std::unique_ptr<HttpServer>>
HttpServer::start(HttpServerOptions options, RequestHandler handler,
                  std::vector<StreamEndpoint> streams) {
  const std::string where = options.host + ":" + std::to_string(options.port);
  auto impl =
      std::make_unique<Impl>(std::move(options), std::move(handler), std::move(streams));
  auto tls = make_server_tls(impl->options);
  if (!tls)
    return unexpected(tls.error());
  if (*tls) {
    impl->tls.emplace(std::move((*tls)->context));
    impl->tls_sha256 = std::move((*tls)->sha256);
  }
  beast::error_code ec;
  tcp::resolver resolver(impl->ioc);
  auto endpoints =
      resolver.resolve(impl->options.host, std::to_string(impl->options.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty())
    return unexpected("cannot resolve " + where + ": " + ec.message());
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  auto &acceptor = impl->acceptor;
  [&] {
    acceptor.open(endpoint.protocol(), ec);
    if (ec)
      return;
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (ec)
      return;
    acceptor.bind(endpoint, ec);
    if (ec)
      return;
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
      return;
    impl->bound = acceptor.local_endpoint(ec);
  }();
  if (ec)
    return unexpected("cannot listen on " + where + ": " + ec.message());

  impl->do_accept();
  const int threads = impl->options.threads > 0 ? impl->options.threads : 1;
  for (int i = 0; i < threads; ++i)
    impl->threads.emplace_back([raw = impl.get()] {
      // A handler that throws must not take the station down with it.
      while (true) {
        try {
          raw->ioc.run();
          return;
        } catch (const std::exception &e) {
          log_problem(std::string("I/O thread caught: ") + e.what());
        }
      }
    });
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

} // namespace motcua::station
