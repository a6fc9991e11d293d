#include "server/api/api_handler.hpp"
#include "server/http/http_server.hpp"
#include "tests/unit/server/loopback_socket.hpp"
#include "tests/unit/server/station_stack.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

using namespace motcua::station;
using motcua::test::LoopbackSocket;
using namespace std::chrono_literals;

namespace {

struct Station {
  explicit Station(HttpServerOptions options = {},
                   std::vector<StreamEndpoint> streams = {}) {
    test::use_station_zone();
    auto server = HttpServer::start(
        options, [this](const ApiRequest &request) { return api.handle(request); },
        std::move(streams));
    REQUIRE_MESSAGE(server.has_value(), (server ? "" : server.error()));
    http = std::move(server).value();
  }
  unsigned short port() const { return http->port(); }

  test::StationStack stack;
  const ApiHandler &api = *stack.api;
  std::unique_ptr<HttpServer> http; // last: stopped before the handler goes away
};

std::string ticket_post(std::string_view body) {
  return "POST /api/v1/tickets HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
         "Content-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

// A WebSocket upgrade as a browser sends it (the key is RFC 6455's example).
std::string upgrade(std::string_view target) {
  return "GET " + std::string(target) +
         " HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: "
         "13\r\n\r\n";
}

const std::string kHealth = "GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n";

bool has_error_code(const motcua::test::RawResponse &response, const std::string &code) {
  auto error = motcua::parse_api_error(response.body);
  return error && error->code == code;
}

} // namespace

TEST_CASE("the server binds a free port and answers on a kept-alive connection") {
  Station station;
  CHECK(station.port() != 0);
  CHECK(station.http->host() == "127.0.0.1");
  LoopbackSocket socket(station.port());
  for (int i = 0; i < 3; ++i) {
    REQUIRE(socket.send(kHealth));
    auto response = socket.read_response();
    CHECK(response.status == 200);
    CHECK(response.body == R"({"status":"ok","version":"0.1.0"})");
    CHECK(response.head.find("Content-Type: application/json") != std::string::npos);
  }
}

TEST_CASE("tickets are issued over HTTP with 201, then 200 for a replay") {
  Station station;
  LoopbackSocket socket(station.port());
  REQUIRE(socket.send(ticket_post(R"({"service":"A","idempotency_key":"x"})")));
  auto first = socket.read_response();
  CHECK(first.status == 201);
  CHECK(motcua::parse_ticket_response(first.body)->number == "A001");
  REQUIRE(socket.send(ticket_post(R"({"service":"A","idempotency_key":"x"})")));
  CHECK(socket.read_response().status == 200);
}

TEST_CASE("malformed HTTP gets 400 bad_request and the connection is closed") {
  Station station;
  LoopbackSocket socket(station.port());
  REQUIRE(socket.send("THIS IS NOT HTTP\r\n\r\n"));
  auto response = socket.read_response();
  CHECK(response.status == 400);
  CHECK(has_error_code(response, "bad_request"));
  CHECK(socket.wait_closed());
  // The server is still there for others.
  LoopbackSocket next(station.port());
  REQUIRE(next.send(kHealth));
  CHECK(next.read_response().status == 200);
}

TEST_CASE("a body over 16 KiB gets 413 body_too_large") {
  Station station;
  LoopbackSocket socket(station.port());
  std::string body(20 * 1024, 'x');
  socket.send(ticket_post(body)); // may fail midway once the server closes
  auto response = socket.read_response();
  CHECK(response.status == 413);
  CHECK(has_error_code(response, "body_too_large"));
  CHECK(socket.wait_closed());
}

TEST_CASE("headers over 8 KiB get 431 headers_too_large") {
  Station station;
  LoopbackSocket socket(station.port());
  socket.send("GET /api/v1/health HTTP/1.1\r\nHost: t\r\nX-Pad: " +
              std::string(9000, 'p') + "\r\n\r\n");
  auto response = socket.read_response();
  CHECK(response.status == 431);
  CHECK(has_error_code(response, "headers_too_large"));
}

TEST_CASE("a client that never finishes its request is disconnected") {
  HttpServerOptions options;
  options.read_timeout = 200ms;
  Station station(options);
  LoopbackSocket socket(station.port());
  REQUIRE(socket.send("GET /api/v1/health HTTP/1.1\r\nHost: t\r\n")); // no blank line
  CHECK(socket.wait_closed(10s));
}

TEST_CASE("connections over the cap are closed at once while the others keep working") {
  HttpServerOptions options;
  options.max_connections = 2;
  Station station(options);
  LoopbackSocket first(station.port()), second(station.port());
  for (auto *socket : {&first, &second}) {
    REQUIRE(socket->send(kHealth));
    REQUIRE(socket->read_response().status == 200); // the session now exists
  }
  LoopbackSocket third(station.port());
  CHECK(third.wait_closed());
  REQUIRE(first.send(kHealth));
  CHECK(first.read_response().status == 200);
}

TEST_CASE("50 concurrent clients get unique, gap-free numbers, all of them stored") {
  Station station;
  constexpr int kClients = 50, kEach = 4;
  std::vector<std::vector<std::string>> numbers(kClients);
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c)
    clients.emplace_back([&, c] {
      LoopbackSocket socket(station.port());
      for (int i = 0; i < kEach; ++i) {
        // Keys make every answer findable in the store afterwards.
        const auto key = "c" + std::to_string(c) + "-" + std::to_string(i);
        socket.send(ticket_post(R"({"service":"A","idempotency_key":")" + key + "\"}"));
        const auto response = socket.read_response();
        auto ticket = motcua::parse_ticket_response(response.body);
        numbers[c].push_back(response.status == 201 && ticket ? ticket->number
                                                              : "failed");
      }
    });
  for (auto &client : clients)
    client.join();
  std::set<std::string> unique;
  for (const auto &list : numbers)
    unique.insert(list.begin(), list.end());
  CHECK(unique.count("failed") == 0);
  // 200 distinct numbers between A001 and A200: every one, none twice.
  CHECK(unique.size() == kClients * kEach);
  CHECK(*unique.begin() == "A001");
  CHECK(*unique.rbegin() == "A200");
  // Acknowledged means committed: each answer is in the store under its key.
  for (int c = 0; c < kClients; ++c)
    for (int i = 0; i < kEach; ++i) {
      auto stored = station.stack.store->find_ticket_by_key("c" + std::to_string(c) +
                                                            "-" + std::to_string(i));
      REQUIRE(stored.has_value());
      REQUIRE(stored->has_value());
      CHECK((*stored)->number == numbers[c][i]);
    }
}

TEST_CASE("a handler that blocks does not hold up other connections") {
  HttpServerOptions options;
  options.threads = 1; // one I/O thread: a handler blocking it would stall everyone
  options.handler_threads = 2;
  std::mutex mutex;
  std::condition_variable changed;
  bool blocked = false, released = false;
  auto server = HttpServer::start(options, [&](const ApiRequest &request) {
    if (request.target == "/block") {
      std::unique_lock lock(mutex);
      blocked = true;
      changed.notify_all();
      changed.wait(lock, [&] { return released; });
    }
    return error_response(404, "not_found", "nothing here");
  });
  REQUIRE(server.has_value());
  LoopbackSocket slow((*server)->port()), quick((*server)->port());
  REQUIRE(slow.send("GET /block HTTP/1.1\r\nHost: t\r\n\r\n"));
  {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return blocked; });
  }
  REQUIRE(quick.send("GET /other HTTP/1.1\r\nHost: t\r\n\r\n"));
  CHECK(quick.read_response().status == 404); // answered while /block waits
  {
    std::lock_guard lock(mutex);
    released = true;
  }
  changed.notify_all();
  CHECK(slow.read_response().status == 404);
}

TEST_CASE("stop closes idle keep-alive connections and returns") {
  Station station;
  LoopbackSocket socket(station.port());
  REQUIRE(socket.send(kHealth));
  REQUIRE(socket.read_response().status == 200);
  station.http->stop();
  CHECK(socket.wait_closed());
  station.http->stop(); // idempotent
}

TEST_CASE("a listen address that cannot be bound is an error, not a crash") {
  Station first;
  HttpServerOptions options;
  options.port = first.port();
  auto second =
      HttpServer::start(options, [](const ApiRequest &) { return ApiResponse{}; });
  REQUIRE_FALSE(second.has_value());
  CHECK(second.error().find(std::to_string(first.port())) != std::string::npos);
}

TEST_CASE("subscribers under a path prefix have places of their own, up to their cap") {
  StreamHub staff, phones;
  HttpServerOptions options;
  options.max_connections = 2;
  Station station(
      options,
      {StreamEndpoint{&staff, {}},
       StreamEndpoint{&phones,
                      [](const ApiRequest &request) -> std::optional<ApiResponse> {
                        if (request.target.find("/A00") != std::string::npos)
                          return std::nullopt;
                        return error_response(404, "not_found", "no such ticket");
                      },
                      "/t/", true, 2}});
  const auto port = station.port();
  // A connection closed a moment ago may hold its place for a few more
  // milliseconds: ask again a little later, for at most 2 s.
  auto kept = [port](const std::string &request, int status) {
    for (int attempt = 0; attempt < 100; ++attempt) {
      auto socket = std::make_unique<LoopbackSocket>(port);
      if (socket->send(request) && socket->read_response().status == status)
        return socket;
      std::this_thread::sleep_for(20ms);
    }
    return std::unique_ptr<LoopbackSocket>();
  };
  auto first = kept(upgrade("/t/2026-12-03/A001?lang=en"), 101);
  auto second = kept(upgrade("/t/2026-12-03/A002"), 101);
  REQUIRE((first && second));
  {
    LoopbackSocket third(port);
    REQUIRE(third.send(upgrade("/t/2026-12-03/A003")));
    const auto busy = third.read_response();
    CHECK(busy.status == 503);
    CHECK(has_error_code(busy, "busy"));
    CHECK(busy.head.find("Retry-After: 30") != std::string::npos);
    LoopbackSocket unknown(port);
    REQUIRE(unknown.send(upgrade("/t/2026-12-03/B001")));
    CHECK(unknown.read_response().status == 404);
  }
  // Both phones follow their tickets and the two shared places are still
  // free: a counter's stream and a kiosk's request get in.
  auto counter = kept(upgrade("/api/v1/stream"), 101);
  REQUIRE(counter);
  auto kiosk = kept(kHealth, 200);
  REQUIRE(kiosk);

  phones.publish(R"({"event":"queue_changed"})");
  staff.publish(R"({"event":"called"})");
  CHECK(first->read_text_frame() == R"({"event":"queue_changed"})");
  CHECK(second->read_text_frame() == R"({"event":"queue_changed"})");
  CHECK(counter->read_text_frame() == R"({"event":"called"})");

  // A phone that leaves gives its place back (the kiosk leaves too, for the
  // new phone's request to have a shared place on its way in).
  kiosk.reset();
  first.reset();
  CHECK(kept(upgrade("/t/2026-12-03/A003"), 101));
}

TEST_CASE("a rendering endpoint sends each subscriber its own page, when it changes") {
  StreamHub hub;
  std::atomic<int> version{1};
  Station station(
      {},
      {StreamEndpoint{&hub, {}, "/t/", true, 0, [&version](const ApiRequest &request) {
                        return request.target + " v" + std::to_string(version.load());
                      }}});
  LoopbackSocket a(station.port()), b(station.port());
  REQUIRE(a.send(upgrade("/t/2026-12-03/A001")));
  REQUIRE(a.read_response().status == 101);
  REQUIRE(b.send(upgrade("/t/2026-12-03/A002?lang=en")));
  REQUIRE(b.read_response().status == 101);
  // One right after subscribing: the page as it is now.
  CHECK(a.read_text_frame() == "/t/2026-12-03/A001 v1");
  CHECK(b.read_text_frame() == "/t/2026-12-03/A002?lang=en v1");
  hub.publish("the hub's own words never reach these subscribers");
  std::this_thread::sleep_for(200ms); // rendered the same: nothing sent
  version = 2;
  hub.publish("again");
  CHECK(a.read_text_frame() == "/t/2026-12-03/A001 v2");
  CHECK(b.read_text_frame() == "/t/2026-12-03/A002?lang=en v2");
  CHECK(a.read_text_frame(300ms).empty());
  CHECK(b.read_text_frame(300ms).empty());
}
