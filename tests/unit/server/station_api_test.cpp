// The station API with the queue engine as authority: ratings, counters,
// restarts, issuing hours, roles. Called as functions, no sockets.
#include "tests/unit/server/station_stack.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <set>

using namespace motcua::station;
namespace json = boost::json;

namespace {

ApiRequest post(std::string target, std::string body, std::string token = {}) {
  ApiRequest r{"POST", std::move(target), "application/json", "", std::move(body)};
  if (!token.empty())
    r.authorization = "Bearer " + token;
  return r;
}

ApiRequest get(std::string target, std::string token = {}) {
  ApiRequest r{"GET", std::move(target), "", "", ""};
  if (!token.empty())
    r.authorization = "Bearer " + token;
  return r;
}

std::string code_of(const ApiResponse &r) {
  auto error = motcua::parse_api_error(r.body);
  return error ? error->code : "(none: " + r.body + ")";
}

json::object body_of(const ApiResponse &r) { return json::parse(r.body).as_object(); }

std::string rating_body(const std::string &id, const std::string &ticket,
                        const std::string &level = "satisfied") {
  return R"({"rating":{"id":")" + id + R"(","level":")" + level +
         R"(","reasons":[],"ticket":")" + ticket +
         R"(","rated_at":"2026-11-28T09:00:00+07:00"}})";
}

// Saturday 2026-11-28, 09:00 in Vietnam.
const TimePoint kSaturdayNine = test::utc(2026, 11, 28, 2, 0, 0);

// A clock the test moves.
struct MovableClock {
  std::shared_ptr<TimePoint> now = std::make_shared<TimePoint>(kSaturdayNine);
  Clock clock() const {
    return [now = now] { return *now; };
  }
};

std::string login(test::StationStack &s, const std::string &user, const std::string &pw) {
  auto r = s.handle(post("/api/v1/auth/login",
                         R"({"username":")" + user + R"(","password":")" + pw + "\"}"));
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return std::string(body_of(r).at("token").as_string());
}

// A chief "boss" and an officer "anh", both logged in.
struct Staffed : test::StationStack {
  explicit Staffed(Clock clock = fixed_clock(kSaturdayNine), test::StackOptions o = {})
      : StationStack(clock, o) {
    REQUIRE_FALSE(auth->create_officer("boss", "Trưởng", Role::chief, "secret-boss"));
    REQUIRE_FALSE(auth->create_officer("anh", "Anh", Role::officer, "secret-anh"));
    chief = login(*this, "boss", "secret-boss");
    officer = login(*this, "anh", "secret-anh");
  }
  std::string chief, officer;
};

} // namespace

TEST_CASE("POST /api/v1/ratings: 201 stored, 200 replayed, 409 for a rated ticket") {
  test::StationStack s(fixed_clock(kSaturdayNine));
  auto issued = s.handle(post("/api/v1/tickets", R"({"service":"A"})"));
  REQUIRE(issued.status == 201);

  const std::string id = "0b6f2a8e-3c1d-4e5f-8a9b-0c1d2e3f4a5b";
  auto stored = s.handle(post("/api/v1/ratings", rating_body(id, "A001")));
  CHECK(stored.status == 201);
  CHECK(body_of(stored).at("rating").at("linked").as_bool());
  auto replay = s.handle(post("/api/v1/ratings", rating_body(id, "A001")));
  CHECK(replay.status == 200);
  auto other =
      s.handle(post("/api/v1/ratings", rating_body("1b6f2a8e-3c1d-4e5f-8a9b-0c1d2e3f4a5b",
                                                   "A001", "dissatisfied")));
  CHECK(other.status == 409);
  CHECK(code_of(other) == "ticket_already_rated");
  auto unknown = s.handle(post(
      "/api/v1/ratings", rating_body("2b6f2a8e-3c1d-4e5f-8a9b-0c1d2e3f4a5b", "Z123")));
  CHECK(unknown.status == 201);
  CHECK_FALSE(body_of(unknown).at("rating").at("linked").as_bool());
  auto bad = s.handle(post("/api/v1/ratings", R"({"rating":{"id":"nope"}})"));
  CHECK(bad.status == 400);
  CHECK(code_of(bad) == "invalid_field");
}

TEST_CASE("without --open-kiosk-api, tickets and ratings need a kiosk token") {
  test::StackOptions closed;
  closed.open_kiosk_api = false;
  Staffed s(fixed_clock(kSaturdayNine), closed);
  auto anonymous = s.handle(post("/api/v1/tickets", R"({"service":"A"})"));
  CHECK(anonymous.status == 401);
  CHECK(code_of(anonymous) == "unauthorized");
  // An officer is not a kiosk.
  auto officer = s.handle(post("/api/v1/tickets", R"({"service":"A"})", s.officer));
  CHECK(officer.status == 403);

  auto code = s.handle(post("/api/v1/admin/enrollment-codes", "", s.chief));
  REQUIRE(code.status == 201);
  const std::string one_time(body_of(code).at("code").as_string());
  auto enrolled = s.handle(
      post("/api/v1/kiosks/enroll", R"({"code":")" + one_time + R"(","name":"Sảnh"})"));
  REQUIRE(enrolled.status == 201);
  const std::string token(body_of(enrolled).at("token").as_string());
  auto again = s.handle(post("/api/v1/kiosks/enroll", R"({"code":")" + one_time + "\"}"));
  CHECK(again.status == 403);
  CHECK(code_of(again) == "invalid_enrollment_code");

  CHECK(s.handle(post("/api/v1/tickets", R"({"service":"A"})", token)).status == 201);
  // A kiosk cannot call counters or administer.
  CHECK(s.handle(get("/api/v1/counters", token)).status == 403);
  CHECK(s.handle(get("/api/v1/admin/kiosks", token)).status == 403);
  // An officer cannot administer.
  CHECK(s.handle(get("/api/v1/admin/kiosks", s.officer)).status == 403);
  auto health =
      s.handle(post("/api/v1/kiosks/health",
                    R"({"printer_state":"idle","paper":"ok","outbox_depth":0})", token));
  CHECK(health.status == 200);
  auto kiosks = s.handle(get("/api/v1/admin/kiosks", s.chief));
  REQUIRE(kiosks.status == 200);
  CHECK(body_of(kiosks).at("kiosks").as_array().at(0).at("last_health").at("paper") ==
        "ok");
  // The stored token is a hash, never the token itself.
  CHECK(s.store->kiosks()->front().token_hash != token);
}

TEST_CASE("open-kiosk-api trusts loopback callers only") {
  test::StationStack s(fixed_clock(kSaturdayNine));
  auto remote = post("/api/v1/tickets", R"({"service":"A"})");
  remote.remote_address = "10.0.0.7";
  CHECK(s.handle(remote).status == 401);
  CHECK(s.handle(post("/api/v1/tickets", R"({"service":"A"})")).status == 201);
}

TEST_CASE("failed logins are rate-limited") {
  Staffed s;
  for (int i = 0; i < 5; ++i)
    CHECK(s.handle(post("/api/v1/auth/login", R"({"username":"anh","password":"x"})"))
              .status == 401);
  auto locked = s.handle(
      post("/api/v1/auth/login", R"({"username":"anh","password":"secret-anh"})"));
  CHECK(locked.status == 429);
  CHECK(code_of(locked) == "too_many_attempts");
  auto wrong_type =
      s.handle(post("/api/v1/auth/login", R"({"username":5,"password":"x"})"));
  CHECK(wrong_type.status == 400);
}

TEST_CASE("a logged-out session token no longer works") {
  Staffed s;
  CHECK(s.handle(get("/api/v1/counters", s.officer)).status == 200);
  CHECK(s.handle(post("/api/v1/auth/logout", "", s.officer)).status == 200);
  CHECK(s.handle(get("/api/v1/counters", s.officer)).status == 401);
}

TEST_CASE("counters call, recall, start, done and no-show through the engine") {
  Staffed s;
  REQUIRE(
      s.handle(post("/api/v1/admin/counters", R"({"id":"Q1","services":["A"]})", s.chief))
          .status == 201);
  // The officer cannot add counters.
  CHECK(s.handle(
             post("/api/v1/admin/counters", R"({"id":"Q2","services":["A"]})", s.officer))
            .status == 403);
  auto closed = s.handle(post("/api/v1/counters/Q1/call-next", "", s.officer));
  CHECK(closed.status == 409);
  CHECK(code_of(closed) == "counter_closed");
  REQUIRE(s.handle(post("/api/v1/counters/Q1/open", "", s.officer)).status == 200);
  auto empty = s.handle(post("/api/v1/counters/Q1/call-next", "", s.officer));
  CHECK(code_of(empty) == "queue_empty");

  for (int i = 0; i < 3; ++i)
    REQUIRE(s.handle(post("/api/v1/tickets", R"({"service":"A"})")).status == 201);
  auto third = s.handle(post("/api/v1/tickets", R"({"service":"A"})"));
  CHECK(body_of(third).at("ticket").at("people_ahead") == 3);

  auto called = s.handle(post("/api/v1/counters/Q1/call-next", "", s.officer));
  REQUIRE(called.status == 200);
  CHECK(body_of(called).at("ticket").at("number") == "A001");
  CHECK(body_of(called).at("ticket").at("state") == "called");
  CHECK(s.handle(post("/api/v1/counters/Q1/start", "", s.officer)).status == 200);
  auto done = s.handle(post("/api/v1/counters/Q1/done", "", s.officer));
  CHECK(body_of(done).at("ticket").at("state") == "done");

  s.handle(post("/api/v1/counters/Q1/call-next", "", s.officer));
  auto early = s.handle(post("/api/v1/counters/Q1/no-show", "", s.officer));
  CHECK(code_of(early) == "too_few_recalls");
  s.handle(post("/api/v1/counters/Q1/recall", "", s.officer));
  s.handle(post("/api/v1/counters/Q1/recall", "", s.officer));
  auto no_show = s.handle(post("/api/v1/counters/Q1/no-show", "", s.officer));
  CHECK(body_of(no_show).at("ticket").at("state") == "no_show");

  s.handle(post("/api/v1/counters/Q1/call-next", "", s.officer));
  auto transfer =
      s.handle(post("/api/v1/counters/Q1/transfer", R"({"service_id":"B"})", s.officer));
  CHECK(body_of(transfer).at("ticket").at("state") == "transferred");

  auto state = s.handle(get("/api/v1/counters", s.officer));
  REQUIRE(state.status == 200);
  auto counts = body_of(state).at("counts").as_array();
  CHECK(counts.at(0).at("service_id") == "A");
  CHECK(counts.at(0).at("waiting") == 1);
  CHECK(counts.at(1).at("waiting") == 1); // the transferred A003 waits in B
  CHECK(body_of(state).at("counters").at(0).at("officer") == "anh");
}

TEST_CASE("a restart resumes the day from the journal") {
  Staffed first;
  REQUIRE(first
              .handle(post("/api/v1/admin/counters", R"({"id":"Q1","services":["A"]})",
                           first.chief))
              .status == 201);
  first.handle(post("/api/v1/counters/Q1/open", "", first.officer));
  for (int i = 0; i < 3; ++i)
    first.handle(post("/api/v1/tickets", R"({"service":"A"})"));
  first.handle(post("/api/v1/counters/Q1/call-next", "", first.officer));

  // A second desk over the same database, as after a restart.
  DeskOptions options;
  options.always_issuing = true;
  first.desk.reset();
  auto desk = QueueDesk::open(test::small_catalog(), options, *first.store,
                              fixed_clock(kSaturdayNine));
  REQUIRE(desk.has_value());
  auto snapshot = (*desk)->snapshot();
  REQUIRE(snapshot.counters.size() == 1);
  CHECK(snapshot.counters[0].open);
  CHECK(snapshot.counters[0].officer == "anh");
  CHECK(snapshot.counts[0].waiting == 2);
  auto next = (*desk)->issue(motcua::TicketRequest{"A", std::nullopt, ""});
  REQUIRE(next.has_value());
  CHECK(next->ticket.number == "A004"); // no number reused
  auto called = (*desk)->act(CounterAction::done, "Q1");
  REQUIRE(called.has_value());
  CHECK(called->number == "A001");
}

TEST_CASE("issuing hours and daily caps are enforced with named codes") {
  MovableClock clock;
  test::StackOptions windows;
  windows.always_issuing = false;
  test::StationStack s(clock.clock(), windows);
  CHECK(s.handle(post("/api/v1/tickets", R"({"service":"A"})")).status == 201);
  *clock.now = test::utc(2026, 11, 28, 5, 0, 0); // Saturday 12:00: closed
  auto late = s.handle(post("/api/v1/tickets", R"({"service":"A"})"));
  CHECK(late.status == 409);
  CHECK(code_of(late) == "outside_issuing_hours");
  *clock.now = test::utc(2026, 11, 30, 1, 0, 0); // Monday 08:00
  for (int i = 0; i < 3; ++i)
    CHECK(s.handle(post("/api/v1/tickets", R"({"service":"B"})")).status == 201);
  auto capped = s.handle(post("/api/v1/tickets", R"({"service":"B"})"));
  CHECK(capped.status == 409);
  CHECK(code_of(capped) == "daily_cap_reached");
}

TEST_CASE("every route the station registers is described in docs/openapi.yaml") {
  std::ifstream in(std::string(MOTCUA_SOURCE_DIR) + "/docs/openapi.yaml");
  REQUIRE(in);
  std::set<std::string> documented;
  std::string line, path;
  const std::regex path_line(R"(^  (/[^:]*):\s*$)");
  const std::regex method_line(R"(^    (get|post|put|delete|patch):\s*$)");
  for (std::smatch m; std::getline(in, line);) {
    if (std::regex_match(line, m, path_line))
      path = m[1];
    else if (std::regex_match(line, m, method_line) && !path.empty()) {
      std::string method = m[1];
      for (auto &c : method)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert(method + " " + path);
    }
  }
  const auto routes = ApiHandler::routes();
  REQUIRE(routes.size() > 20);
  for (const auto &route : routes)
    CHECK_MESSAGE(documented.count(route.method + " " + route.path) == 1,
                  (route.method + " " + route.path + " is not in docs/openapi.yaml"));
  CHECK(documented.size() == routes.size());
}
