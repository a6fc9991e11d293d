// The only translation unit of the client that includes Beast.
#include "net/client/station_client.hpp"

#include "net/tls/any_stream.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <charconv>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace motcua::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

Result<StationAddress> parse_station_url(const std::string &url) {
  std::string_view rest = url;
  StationAddress address;
  if (rest.starts_with("https://")) {
    address.tls = true;
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else {
    return unexpected("\"" + url + "\" must start with http:// or https://");
  }
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (rest.find('@') != std::string_view::npos)
    return unexpected("\"" + url + "\": user names in the address are not supported");

  std::string_view port;
  if (rest.starts_with("[")) { // [::1]:8080
    auto close = rest.find(']');
    if (close == std::string_view::npos)
      return unexpected("\"" + url + "\": unterminated [IPv6 address]");
    address.host = std::string(rest.substr(1, close - 1));
    rest.remove_prefix(close + 1);
    if (!rest.empty() && !rest.starts_with(":"))
      return unexpected("\"" + url + "\": unexpected text after the address");
    port = rest.empty() ? rest : rest.substr(1);
  } else {
    auto colon = rest.find(':');
    address.host = std::string(rest.substr(0, colon));
    port = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    if (colon != std::string_view::npos && port.empty())
      return unexpected("\"" + url + "\": the port is empty");
  }
  if (address.host.empty())
    return unexpected("\"" + url + "\" has no host");
  if (port.empty()) {
    address.port = address.tls ? "443" : "80";
    return address;
  }
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value == 0 ||
      value > 65535)
    return unexpected("\"" + url + "\": the port must be 1..65535");
  address.port = std::string(port);
  return address;
}

namespace {

constexpr std::uint64_t kMaxResponseBody = 1024 * 1024;
constexpr std::string_view kUserAgent = "motcua-kiosk";

struct RawResponse {
  int status = 0;
  std::string body;
  std::string certificate_sha256; // the station's, over TLS
};
using RawDone = std::function<void(Result<RawResponse, StationError>)>;

struct Job {
  http::verb method;
  std::string target;
  std::string body; // JSON when not empty
  RawDone done;
  std::string authorization; // filled in by submit()
};

StationError station_error(StationError::Kind kind, std::string message, int status = 0,
                           std::string code = {}) {
  return StationError{kind, status, std::move(code), std::move(message)};
}

bool is_http_parse_error(const beast::error_code &ec) {
  return ec.category() == beast::error_code(http::error::bad_target).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

// Errors that mean "the idle keep-alive connection was already closed by the
// station": the request was not processed, so it may go once more.
bool is_stale_connection(const beast::error_code &ec) {
  return ec == http::error::end_of_stream || ec == http::error::partial_message ||
         ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == asio::error::connection_aborted;
}

// A non-2xx answer: the station's {"error":...} body, or something unreadable.
std::optional<StationError> refusal(const RawResponse &response) {
  if (response.status >= 200 && response.status < 300)
    return std::nullopt;
  if (auto error = parse_api_error(response.body))
    return station_error(StationError::Kind::refused, error->message, response.status,
                         error->code);
  return station_error(StationError::Kind::bad_response,
                       "HTTP " + std::to_string(response.status) +
                           " without an error body",
                       response.status);
}

// No answer, or an answer that refuses: what every request reports first.
std::optional<StationError> failure(const Result<RawResponse, StationError> &raw) {
  if (!raw)
    return raw.error();
  return refusal(*raw);
}

} // namespace

struct StationClient::Impl {
  Impl(StationAddress addr, std::chrono::milliseconds t)
      : address(std::move(addr)), timeout(t), pin(address.certificate_sha256) {
    if (address.tls) {
      tls.emplace(pinned_client_context(pin));
    }
    thread = std::thread([this] {
      while (true) {
        try {
          ioc.run();
          return;
        } catch (const std::exception &) {
          // A throwing callback must not end the client's thread; carry on.
        }
      }
    });
  }

  ~Impl() {
    asio::post(ioc, [this] { shut_down(); });
    work.reset();
    thread.join();
  }

  void submit(Job job) {
    {
      std::lock_guard lock(token_mutex);
      if (!token.empty())
        job.authorization = "Bearer " + token;
    }
    asio::post(ioc, [this, job = std::move(job)]() mutable {
      if (stopped)
        return fail(job, station_error(StationError::Kind::unreachable,
                                       "the station client is shutting down"));
      queue.push_back(std::move(job));
      if (!current)
        start_next();
    });
  }

  // Everything below runs on the io thread only.

  void start_next() {
    if (current || queue.empty())
      return;
    current = std::move(queue.front());
    queue.pop_front();
    deadline = std::chrono::steady_clock::now() + timeout;
    retried = false;
    if (stream) {
      reused = true;
      write();
    } else {
      reused = false;
      resolve();
    }
  }

  void resolve() {
    resolve_timed_out = false;
    resolve_timer.expires_at(deadline);
    resolve_timer.async_wait([this](beast::error_code ec) {
      if (ec)
        return; // cancelled: the resolve finished first
      resolve_timed_out = true;
      resolver.cancel();
    });
    resolver.async_resolve(
        address.host, address.port,
        [this](beast::error_code ec, tcp::resolver::results_type found) {
          resolve_timer.cancel();
          if (resolve_timed_out)
            return finish(station_error(StationError::Kind::timeout,
                                        "resolving " + address.host + " took too long"));
          if (ec)
            return finish_io_error(ec, "resolve " + address.host);
          connect(found);
        });
  }

  void connect(const tcp::resolver::results_type &endpoints) {
    if (tls)
      stream.emplace(std::in_place_type<TlsStream>, ioc, *tls);
    else
      stream.emplace(std::in_place_type<PlainStream>, ioc);
    lowest_layer(*stream).expires_at(deadline);
    lowest_layer(*stream).async_connect(
        endpoints, [this](beast::error_code ec, const tcp::endpoint &) {
          if (ec)
            return finish_io_error(ec, "connect to " + where());
          handshake();
        });
  }

  void handshake() {
    auto *secure = std::get_if<TlsStream>(&*stream);
    if (!secure)
      return write();
    // Server name for a station behind a name; the pin is what is trusted.
    SSL_set_tlsext_host_name(secure->native_handle(), address.host.c_str());
    secure->async_handshake(asio::ssl::stream_base::client, [this](beast::error_code ec) {
      if (!ec)
        return write();
      const std::string seen = pin.seen();
      if (!pin.expected().empty() && !seen.empty() && seen != pin.expected())
        return finish_io_error(ec, "TLS with " + where() +
                                       ": the station's certificate (SHA-256 " + seen +
                                       ") is not the one pinned at enrollment");
      finish_io_error(ec, "TLS handshake with " + where());
    });
  }

  void write() {
    request = {};
    request.method(current->method);
    request.target(current->target);
    request.version(11);
    request.set(http::field::host, host_header());
    request.set(http::field::user_agent, kUserAgent);
    request.set(http::field::accept, "application/json");
    if (!current->body.empty())
      request.set(http::field::content_type, "application/json");
    if (!current->authorization.empty())
      request.set(http::field::authorization, current->authorization);
    request.body() = current->body;
    request.keep_alive(true);
    request.prepare_payload();
    lowest_layer(*stream).expires_at(deadline);
    std::visit(
        [this](auto &s) {
          http::async_write(s, request, [this](beast::error_code ec, std::size_t) {
            if (ec)
              return on_exchange_error(ec, "send to " + where());
            read();
          });
        },
        *stream);
  }

  void read() {
    buffer.consume(buffer.size());
    parser.emplace();
    parser->body_limit(kMaxResponseBody);
    lowest_layer(*stream).expires_at(deadline);
    std::visit(
        [this](auto &s) {
          http::async_read(s, buffer, *parser, [this](beast::error_code ec, std::size_t) {
            if (ec)
              return on_exchange_error(ec, "read from " + where());
            auto &response = parser->get();
            if (!response.keep_alive())
              close();
            finish(RawResponse{static_cast<int>(response.result_int()),
                               std::move(response.body()), tls ? pin.seen() : ""});
          });
        },
        *stream);
  }

  void on_exchange_error(const beast::error_code &ec, const std::string &what) {
    close();
    // Tickets carry idempotency keys, so sending a request twice is harmless;
    // retry only once and only when an idle connection went stale.
    if (reused && !retried && !stopped && is_stale_connection(ec)) {
      retried = true;
      reused = false;
      return resolve();
    }
    finish_io_error(ec, what);
  }

  void finish_io_error(const beast::error_code &ec, const std::string &what) {
    close();
    if (stopped)
      return finish(station_error(StationError::Kind::unreachable,
                                  "the station client is shutting down"));
    if (ec == beast::error::timeout)
      return finish(station_error(StationError::Kind::timeout,
                                  what + ": no answer within " +
                                      std::to_string(timeout.count()) + " ms"));
    if (is_http_parse_error(ec))
      return finish(
          station_error(StationError::Kind::bad_response,
                        what + ": not a valid HTTP answer (" + ec.message() + ")"));
    finish(station_error(StationError::Kind::unreachable, what + ": " + ec.message()));
  }

  void finish(Result<RawResponse, StationError> result) {
    Job job = std::move(*current);
    current.reset();
    deliver(job, std::move(result));
    if (stopped)
      fail_queue();
    else
      start_next();
  }

  void finish(StationError error) {
    finish(Result<RawResponse, StationError>(unexpected(std::move(error))));
  }

  static void deliver(Job &job, Result<RawResponse, StationError> result) {
    try {
      job.done(std::move(result));
    } catch (...) {
      // The caller's callback threw; the client keeps serving the others.
    }
  }

  static void fail(Job &job, StationError error) { deliver(job, unexpected(error)); }

  void fail_queue() {
    while (!queue.empty()) {
      Job job = std::move(queue.front());
      queue.pop_front();
      fail(job, station_error(StationError::Kind::unreachable,
                              "the station client is shutting down"));
    }
  }

  void close() {
    if (!stream)
      return;
    beast::error_code ignored; // the peer may be gone already
    lowest_layer(*stream).socket().shutdown(tcp::socket::shutdown_both, ignored);
    lowest_layer(*stream).close();
    stream.reset();
  }

  // Cancels whatever is in flight; its completion handler reports the error.
  void shut_down() {
    stopped = true;
    resolve_timer.cancel();
    resolver.cancel();
    if (stream)
      lowest_layer(*stream)
          .socket()
          .close(); // the pending operation completes with an error
    if (!current)
      fail_queue();
  }

  std::string where() const { return address.host + ":" + address.port; }
  std::string host_header() const {
    const bool ipv6 = address.host.find(':') != std::string::npos;
    return (ipv6 ? "[" + address.host + "]" : address.host) + ":" + address.port;
  }

  StationAddress address;
  std::chrono::milliseconds timeout;
  asio::io_context ioc{1};
  asio::executor_work_guard<asio::io_context::executor_type> work{ioc.get_executor()};
  tcp::resolver resolver{ioc};
  asio::steady_timer resolve_timer{ioc};
  CertificatePin pin;                    // the station's certificate, over TLS
  std::optional<asio::ssl::context> tls; // set: https
  std::optional<AnyStream> stream;       // open keep-alive connection, if any
  beast::flat_buffer buffer;
  http::request<http::string_body> request;
  std::optional<http::response_parser<http::string_body>> parser;
  std::deque<Job> queue;
  std::optional<Job> current;
  std::chrono::steady_clock::time_point deadline;
  bool reused = false;
  bool retried = false;
  bool resolve_timed_out = false;
  bool stopped = false;
  std::mutex token_mutex;
  std::string token;  // guarded by token_mutex
  std::thread thread; // last: started once every member above exists
};

StationClient::StationClient(StationAddress address, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>(std::move(address), timeout)) {}

StationClient::~StationClient() = default;

void StationClient::fetch_catalog(
    std::function<void(Result<Catalog, StationError>)> done) {
  impl_->submit(Job{http::verb::get,
                    "/api/v1/catalog",
                    {},
                    [done = std::move(done)](Result<RawResponse, StationError> raw) {
                      if (auto error = failure(raw))
                        return done(unexpected(*error));
                      auto catalog = parse_catalog(raw->body, "station response");
                      if (!catalog)
                        return done(unexpected(
                            station_error(StationError::Kind::bad_response,
                                          catalog.error().to_string(), raw->status)));
                      done(std::move(catalog).value());
                    }});
}

void StationClient::issue_ticket(TicketRequest request,
                                 std::function<void(Result<Ticket, StationError>)> done) {
  impl_->submit(Job{http::verb::post, "/api/v1/tickets", ticket_request_to_json(request),
                    [done = std::move(done)](Result<RawResponse, StationError> raw) {
                      if (auto error = failure(raw))
                        return done(unexpected(*error));
                      auto ticket = parse_ticket_response(raw->body);
                      if (!ticket)
                        return done(
                            unexpected(station_error(StationError::Kind::bad_response,
                                                     ticket.error(), raw->status)));
                      done(std::move(ticket).value());
                    }});
}

void StationClient::submit_rating(Rating rating,
                                  std::function<void(Result<bool, StationError>)> done) {
  impl_->submit(
      Job{http::verb::post, "/api/v1/ratings", rating_to_json(rating),
          [done = std::move(done)](Result<RawResponse, StationError> raw) {
            if (auto error = failure(raw))
              return done(unexpected(*error));
            // 201 stored now, 200 stored before: committed either way.
            if (raw->status != 200 && raw->status != 201)
              return done(unexpected(station_error(
                  StationError::Kind::bad_response,
                  "unexpected HTTP " + std::to_string(raw->status) + " for a rating",
                  raw->status)));
            done(true);
          }});
}

void StationClient::withdraw_ticket(
    std::string idempotency_key, std::function<void(Result<bool, StationError>)> done) {
  impl_->submit(Job{
      http::verb::post, "/api/v1/tickets/withdraw",
      boost::json::serialize(boost::json::object{{"idempotency_key", idempotency_key}}),
      [done = std::move(done)](Result<RawResponse, StationError> raw) {
        if (auto error = failure(raw))
          return done(unexpected(*error));
        done(true);
      }});
}

void StationClient::lease_block(std::string service_id, int count,
                                std::function<void(Result<Lease, StationError>)> done,
                                std::string idempotency_key) {
  boost::json::object body{{"service_id", service_id}, {"count", count}};
  if (!idempotency_key.empty())
    body["idempotency_key"] = idempotency_key;
  impl_->submit(Job{
      http::verb::post, "/api/v1/leases", boost::json::serialize(body),
      [done = std::move(done)](Result<RawResponse, StationError> raw) {
        if (auto error = failure(raw))
          return done(unexpected(*error));
        boost::system::error_code ec;
        auto value = boost::json::parse(raw->body, ec);
        const boost::json::object *outer = ec ? nullptr : value.if_object();
        const boost::json::value *inner = outer ? outer->if_contains("lease") : nullptr;
        const boost::json::object *o = inner ? inner->if_object() : nullptr;
        const boost::json::value *service = o ? o->if_contains("service_id") : nullptr;
        const boost::json::value *day = o ? o->if_contains("day") : nullptr;
        const boost::json::value *first = o ? o->if_contains("first") : nullptr;
        const boost::json::value *last = o ? o->if_contains("last") : nullptr;
        if (!service || !service->is_string() || !day || !day->is_string() || !first ||
            !first->is_int64() || !last || !last->is_int64())
          return done(
              unexpected(station_error(StationError::Kind::bad_response,
                                       "the lease answer misses a field", raw->status)));
        const boost::json::value *time = o->if_contains("station_time");
        done(Lease{std::string(service->as_string()), std::string(day->as_string()),
                   static_cast<int>(first->as_int64()),
                   static_cast<int>(last->as_int64()),
                   time && time->is_string() ? std::string(time->as_string()) : ""});
      }});
}

void StationClient::upload_offline_tickets(
    std::vector<OfflineTicketUpload> tickets,
    std::function<void(Result<std::vector<OfflineTicketResult>, StationError>)> done) {
  impl_->submit(
      Job{http::verb::post, "/api/v1/tickets/offline", offline_upload_to_json(tickets),
          [done = std::move(done)](Result<RawResponse, StationError> raw) {
            if (auto error = failure(raw))
              return done(unexpected(*error));
            auto results = parse_offline_results(raw->body);
            if (!results)
              return done(unexpected(station_error(StationError::Kind::bad_response,
                                                   results.error(), raw->status)));
            done(std::move(results).value());
          }});
}

void StationClient::report_health(std::string body,
                                  std::function<void(Result<bool, StationError>)> done) {
  impl_->submit(Job{http::verb::post, "/api/v1/kiosks/health", std::move(body),
                    [done = std::move(done)](Result<RawResponse, StationError> raw) {
                      if (auto error = failure(raw))
                        return done(unexpected(*error));
                      done(true);
                    }});
}

void StationClient::enroll(std::string code, std::string name,
                           std::function<void(Result<Enrollment, StationError>)> done) {
  boost::json::object body{{"code", code}, {"name", name}};
  impl_->submit(Job{
      http::verb::post, "/api/v1/kiosks/enroll", boost::json::serialize(body),
      [done = std::move(done)](Result<RawResponse, StationError> raw) {
        if (auto error = failure(raw))
          return done(unexpected(*error));
        boost::system::error_code ec;
        const auto value = boost::json::parse(raw->body, ec);
        const auto *object = value.if_object();
        const auto *id = object ? object->if_contains("kiosk_id") : nullptr;
        const auto *token = object ? object->if_contains("token") : nullptr;
        if (ec || !id || !id->is_string() || !token || !token->is_string() ||
            token->as_string().empty())
          return done(unexpected(station_error(StationError::Kind::bad_response,
                                               "the enrollment answer has no kiosk_id "
                                               "and token",
                                               raw->status)));
        done(Enrollment{std::string(id->as_string()), std::string(token->as_string()),
                        raw->certificate_sha256});
      }});
}

void StationClient::set_bearer_token(std::string token) {
  std::lock_guard lock(impl_->token_mutex);
  impl_->token = std::move(token);
}

} // namespace motcua::net
