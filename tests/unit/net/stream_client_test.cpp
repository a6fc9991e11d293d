// The kiosk's live queue subscription against the real station front and
// API in this process: counts arrive as the queue changes, and a station that
// goes away and comes back on the same address is subscribed to again.
#include "net/client/stream_client.hpp"
#include "net/protocol/kiosk_health.hpp"
#include "server/api/api_handler.hpp"
#include "server/http/http_server.hpp"
#include "tests/unit/server/station_stack.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <condition_variable>
#include <future>
#include <mutex>

using namespace motcua;
using namespace motcua::net;
using namespace std::chrono_literals;
namespace st = motcua::station;

namespace {

struct LiveStation {
  LiveStation() { st::test::use_station_zone(); }
  void start(unsigned short port = 0) {
    st::HttpServerOptions options;
    options.port = port;
    auto server = st::HttpServer::start(
        options, [this](const st::ApiRequest &r) { return stack.handle(r); },
        {st::StreamEndpoint{&stack.hub, [this](const st::ApiRequest &r) {
                              return stack.api->authorize_stream(r);
                            }}});
    REQUIRE_MESSAGE(server.has_value(), (server ? "" : server.error()));
    http = std::move(server).value();
  }
  void issue(const std::string &service) {
    auto r = stack.handle(st::ApiRequest{"POST", "/api/v1/tickets", "application/json",
                                         "", R"({"service":")" + service + "\"}"});
    REQUIRE(r.status == 201);
  }
  st::test::StationStack stack;
  std::unique_ptr<st::HttpServer> http;
};

// What the client reported, for the test thread to wait on.
struct Seen {
  std::mutex m;
  std::condition_variable changed;
  std::vector<WaitingCounts> counts;
  std::vector<bool> connections;

  // Waits until `done` holds; the bound only keeps a broken build from hanging.
  template <typename Pred> bool wait(Pred done) {
    std::unique_lock lock(m);
    return changed.wait_for(lock, 20s, [&] { return done(); });
  }
};

} // namespace

TEST_CASE("parse_waiting_counts reads counts events and nothing else") {
  auto counts = parse_waiting_counts(
      R"({"event":"counts","day":"2026-11-28","at":"09:00:00","counts":[)"
      R"({"service_id":"A","waiting":3,"estimated_wait_minutes":30},)"
      R"({"service_id":"B","waiting":0,"estimated_wait_minutes":0}]})");
  REQUIRE(counts.has_value());
  CHECK(counts->at("A") == 3);
  CHECK(counts->at("B") == 0);
  CHECK_FALSE(parse_waiting_counts(R"({"event":"issued","ticket":{}})"));
  CHECK_FALSE(parse_waiting_counts("not json"));
  CHECK_FALSE(
      parse_waiting_counts(R"({"event":"counts","counts":[{"service_id":"A"}]})"));
}

TEST_CASE("the stream client keeps the waiting counts and resubscribes after an outage") {
  LiveStation station;
  station.start();
  const unsigned short port = station.http->port();
  Seen seen;
  StreamOptions options;
  options.backoff = {50ms, 200ms};
  auto client = std::make_unique<StreamClient>(
      StationAddress{"127.0.0.1", std::to_string(port)},
      [&](WaitingCounts c) {
        std::lock_guard lock(seen.m);
        seen.counts.push_back(std::move(c));
        seen.changed.notify_all();
      },
      [&](bool up) {
        std::lock_guard lock(seen.m);
        seen.connections.push_back(up);
        seen.changed.notify_all();
      },
      [] { return 0.5; }, options);
  REQUIRE(seen.wait([&] { return seen.connections.size() == 1; }));
  // The counts come on subscribe, before anything changed: a kiosk shows the
  // line lengths at once.
  REQUIRE(seen.wait([&] { return !seen.counts.empty(); }));
  {
    std::lock_guard lock(seen.m);
    CHECK(seen.counts.front().at("A") == 0);
    CHECK(seen.counts.front().count("B") == 1);
  }
  station.issue("A");
  REQUIRE(seen.wait([&] { return seen.counts.back().at("A") == 1; }));

  station.http->stop();
  REQUIRE(seen.wait([&] { return seen.connections.size() == 2; }));
  {
    std::lock_guard lock(seen.m);
    CHECK_FALSE(seen.connections[1]);
  }
  const std::size_t before = [&] {
    std::lock_guard lock(seen.m);
    return seen.counts.size();
  }();
  station.http.reset();
  station.start(port); // the same address after a restart
  REQUIRE(seen.wait([&] { return seen.connections.size() == 3; }));
  // Resubscribed: the counts as the station holds them, again without a change.
  REQUIRE(seen.wait([&] { return seen.counts.size() > before; }));
  {
    std::lock_guard lock(seen.m);
    CHECK(seen.connections[2]);
    CHECK(seen.counts.back().at("A") == 1);
  }
  station.issue("A");
  REQUIRE(seen.wait([&] { return seen.counts.back().at("A") == 2; }));
  client.reset(); // stops without a callback after it returns
  station.issue("A");
}

TEST_CASE("the health report is due every minute and at once on a change") {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point t0{std::chrono::seconds(100)};
  KioskHealth h;
  h.version = "0.1.0";
  h.printer_state = "printed";
  CHECK(health_due(std::nullopt, std::nullopt, h, t0, 60s));
  KioskHealth later = h;
  later.uptime_seconds = 59; // the uptime alone is no change
  CHECK_FALSE(health_due(h, t0, later, t0 + 59s, 60s));
  CHECK(health_due(h, t0, later, t0 + 60s, 60s));
  KioskHealth no_paper = h;
  no_paper.paper = "out";
  CHECK(health_due(h, t0, no_paper, t0 + 1s, 60s));
  KioskHealth backlog = h;
  backlog.outbox_depth = 3;
  CHECK(health_due(h, t0, backlog, t0 + 1s, 60s));

  const auto body = boost::json::parse(kiosk_health_to_json(backlog)).as_object();
  CHECK(body.at("outbox_depth").as_int64() == 3);
  CHECK(body.at("printer_state").as_string() == "printed");
  CHECK(body.at("version").as_string() == "0.1.0");
}

TEST_CASE("report_health reaches the station, which keeps the report") {
  LiveStation station;
  station.start();
  StationClient client({"127.0.0.1", std::to_string(station.http->port())}, 2000ms);
  KioskHealth h;
  h.printer_state = "failed: media-empty";
  h.paper = "out";
  h.outbox_depth = 2;
  std::promise<Result<bool, StationError>> answer;
  client.report_health(kiosk_health_to_json(h),
                       [&](Result<bool, StationError> r) { answer.set_value(r); });
  auto r = answer.get_future().get();
  CHECK_MESSAGE(r.has_value(), (r ? "" : r.error().message));
}
