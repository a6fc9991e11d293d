#include "net/client/station_client.hpp"
#include "server/api/api_handler.hpp"
#include "server/http/http_server.hpp"
#include "tests/unit/server/loopback_socket.hpp"
#include "tests/unit/server/station_stack.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <future>
#include <thread>

using namespace motcua;
using namespace motcua::net;
using namespace std::chrono_literals;
namespace st = motcua::station;

namespace {

// The real station front and API on 127.0.0.1:0, in this process.
struct Station {
  explicit Station(st::HttpServerOptions options = {},
                   st::RequestHandler handler = nullptr) {
    st::test::use_station_zone();
    if (!handler)
      handler = [this](const st::ApiRequest &request) { return api.handle(request); };
    auto server = st::HttpServer::start(options, std::move(handler));
    REQUIRE_MESSAGE(server.has_value(), (server ? "" : server.error()));
    http = std::move(server).value();
  }
  StationAddress address() const { return {"127.0.0.1", std::to_string(http->port())}; }

  st::test::StationStack stack;
  const st::ApiHandler &api = *stack.api;
  std::unique_ptr<st::HttpServer> http;
};

template <typename T> using Answer = Result<T, StationError>;

Answer<Catalog> fetch_catalog(StationClient &client) {
  std::promise<Answer<Catalog>> answer;
  client.fetch_catalog(
      [&](Answer<Catalog> result) { answer.set_value(std::move(result)); });
  return answer.get_future().get();
}

Answer<Ticket> issue(StationClient &client, std::string service, std::string key = {}) {
  std::promise<Answer<Ticket>> answer;
  client.issue_ticket(
      TicketRequest{std::move(service), std::nullopt, std::move(key)},
      [&](Answer<Ticket> result) { answer.set_value(std::move(result)); });
  return answer.get_future().get();
}

std::string describe(const StationError &error) {
  return "kind " + std::to_string(static_cast<int>(error.kind)) + ", HTTP " +
         std::to_string(error.http_status) + ", " + error.code + ": " + error.message;
}

} // namespace

TEST_CASE("the client fetches the catalog and issues tickets from a real station") {
  Station station;
  StationClient client(station.address(), 5s);

  auto catalog = fetch_catalog(client);
  REQUIRE_MESSAGE(catalog.has_value(), (catalog ? "" : describe(catalog.error())));
  CHECK(catalog->services.size() == 3);
  CHECK(catalog->find_service("B")->daily_cap == 3);

  auto first = issue(client, "A", "kiosk-1/1");
  REQUIRE_MESSAGE(first.has_value(), (first ? "" : describe(first.error())));
  CHECK(first->number == "A001");
  auto second = issue(client, "A", "kiosk-1/2");
  REQUIRE(second.has_value());
  CHECK(second->number == "A002");
  CHECK(second->people_ahead == 1);
  CHECK(second->estimated_wait_minutes == 10);
  auto replay = issue(client, "A", "kiosk-1/1");
  REQUIRE(replay.has_value());
  CHECK(replay->number == "A001");
}

TEST_CASE("requests queued at once are answered in order") {
  Station station;
  StationClient client(station.address(), 5s);
  std::vector<std::promise<Answer<Ticket>>> answers(5);
  for (auto &answer : answers)
    client.issue_ticket(TicketRequest{"A", std::nullopt, ""},
                        [&answer](Answer<Ticket> r) { answer.set_value(std::move(r)); });
  for (std::size_t i = 0; i < answers.size(); ++i) {
    auto ticket = answers[i].get_future().get();
    REQUIRE(ticket.has_value());
    CHECK(ticket->sequence == static_cast<int>(i + 1));
  }
}

TEST_CASE("the station's error answers become refused with the API code") {
  Station station;
  StationClient client(station.address(), 5s);
  auto unknown = issue(client, "Z");
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().kind == StationError::Kind::refused);
  CHECK(unknown.error().http_status == 404);
  CHECK(unknown.error().code == "unknown_service");

  for (int i = 0; i < 3; ++i)
    REQUIRE(issue(client, "B").has_value());
  auto full = issue(client, "B");
  REQUIRE_FALSE(full.has_value());
  CHECK(full.error().kind == StationError::Kind::refused);
  CHECK(full.error().code == "daily_cap_reached");
  // The connection survived the error answers.
  CHECK(issue(client, "A").has_value());
}

TEST_CASE("a connection the station closed while idle is re-opened") {
  st::HttpServerOptions options;
  options.read_timeout = 100ms; // the station drops idle keep-alive connections fast
  Station station(options);
  StationClient client(station.address(), 5s);
  REQUIRE(issue(client, "A").has_value());
  std::this_thread::sleep_for(400ms); // the station has closed the connection by now
  auto again = issue(client, "A");
  REQUIRE_MESSAGE(again.has_value(), (again ? "" : describe(again.error())));
  CHECK(again->number == "A002");
}

TEST_CASE("answers the client cannot read are bad_response") {
  Station station({}, [](const st::ApiRequest &request) {
    st::ApiResponse response;
    if (request.target == "/api/v1/catalog") {
      response.body = R"({"not":"a catalog"})";
    } else {
      response.status = 502;
      response.content_type = "text/html";
      response.body = "<html>proxy error</html>";
    }
    return response;
  });
  StationClient client(station.address(), 5s);
  auto catalog = fetch_catalog(client);
  REQUIRE_FALSE(catalog.has_value());
  CHECK(catalog.error().kind == StationError::Kind::bad_response);
  auto ticket = issue(client, "A");
  REQUIRE_FALSE(ticket.has_value());
  CHECK(ticket.error().kind == StationError::Kind::bad_response);
  CHECK(ticket.error().http_status == 502);
}

TEST_CASE("a closed port is unreachable, not a timeout") {
  StationClient client({"127.0.0.1", std::to_string(test::closed_port())}, 10s);
  auto catalog = fetch_catalog(client);
  REQUIRE_FALSE(catalog.has_value());
  CHECK(catalog.error().kind == StationError::Kind::unreachable);
  CHECK_FALSE(catalog.error().message.empty());
}

TEST_CASE("a station that accepts and never answers times out") {
  test::SilentListener silent;
  StationClient client({"127.0.0.1", std::to_string(silent.port())}, 200ms);
  auto ticket = issue(client, "A");
  REQUIRE_FALSE(ticket.has_value());
  CHECK(ticket.error().kind == StationError::Kind::timeout);
}

TEST_CASE("destroying the client fails every pending request") {
  test::SilentListener silent;
  std::atomic<int> failed{0}, succeeded{0};
  {
    StationClient client({"127.0.0.1", std::to_string(silent.port())}, 60s);
    for (int i = 0; i < 3; ++i)
      client.issue_ticket(TicketRequest{"A", std::nullopt, ""},
                          [&](Answer<Ticket> r) { (r ? succeeded : failed)++; });
  } // the destructor returns only after every callback ran
  CHECK(failed == 3);
  CHECK(succeeded == 0);
}

TEST_CASE("submit_rating: stored once, a retry of the same UUID is ok too") {
  Station station;
  StationClient client(station.address(), 5s);
  Rating rating{"5d2c7a10-8f3e-4b6a-9c1d-2e3f4a5b6c7d",
                "very_satisfied",
                {},
                "A001",
                "2026-11-28T09:00:00+07:00"};
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::promise<Answer<bool>> answer;
    client.submit_rating(rating, [&](Answer<bool> r) { answer.set_value(std::move(r)); });
    auto result = answer.get_future().get();
    REQUIRE_MESSAGE(result.has_value(), (result ? "" : describe(result.error())));
  }
  Rating other = rating;
  other.id = "6d2c7a10-8f3e-4b6a-9c1d-2e3f4a5b6c7d";
  other.ticket = std::nullopt;
  other.level = "neutral";
  std::promise<Answer<bool>> answer;
  client.submit_rating(other, [&](Answer<bool> r) { answer.set_value(std::move(r)); });
  CHECK(answer.get_future().get().has_value());
}
