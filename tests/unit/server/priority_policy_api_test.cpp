// The priority policy set from the admin page: checked, journaled by the
// desk, obeyed from the next call, and the same after a restart and on the
// days after (the journal carries it over, like counters).
#include "server/admin/priority_policy_json.hpp"
#include "tests/unit/server/station_stack.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

using namespace motcua::station;
namespace json = boost::json;

namespace {

// Monday 2026-11-30 from 08:00 in Vietnam, a minute a step.
struct Morning {
  std::shared_ptr<TimePoint> now =
      std::make_shared<TimePoint>(test::utc(2026, 11, 30, 1, 0, 0));
  Clock clock() const {
    return [now = now] { return *now; };
  }
};

struct Station : test::StationStack {
  Morning morning;
  std::string chief, officer;
  explicit Station(Morning m) : StationStack(m.clock()), morning(m) {
    REQUIRE_FALSE(auth->create_officer("boss", "Trưởng", Role::chief, "secret-boss"));
    REQUIRE_FALSE(auth->create_officer("anh", "Anh", Role::officer, "secret-anh"));
    chief = session_token("boss", "secret-boss");
    officer = session_token("anh", "secret-anh");
  }
  ApiResponse call(const std::string &method, const std::string &target,
                   const std::string &body, const std::string &token) const {
    ApiRequest r{method, target, "application/json", "", body};
    if (!token.empty())
      r.authorization = "Bearer " + token;
    return handle(r);
  }
  std::string policy() const {
    auto r = call("GET", "/api/v1/admin/priority-policy", "", chief);
    REQUIRE(r.status == 200);
    return r.body;
  }
  // Three normal tickets, then two priority ones: A001..A003, A004, A005.
  void issue_five() const {
    for (const char *body :
         {R"({"service":"A"})", R"({"service":"A"})", R"({"service":"A"})",
          R"({"service":"A","priority_group":"elderly"})",
          R"({"service":"A","priority_group":"elderly"})"})
      REQUIRE(call("POST", "/api/v1/tickets", body, "").status ==
              201); // a loopback kiosk
  }
  // The numbers counter 1 calls, one after another, each served at once.
  std::string calls(int n) const {
    std::string out;
    for (int i = 0; i < n; ++i) {
      auto r = call("POST", "/api/v1/counters/1/call-next", "", chief);
      REQUIRE_MESSAGE(r.status == 200, r.body);
      out += (out.empty() ? "" : " ") +
             std::string(json::parse(r.body).at("ticket").at("number").as_string());
      REQUIRE(call("POST", "/api/v1/counters/1/done", "", chief).status == 200);
    }
    return out;
  }
};

} // namespace

TEST_CASE("the priority policy reads and writes as JSON and refuses what it is not") {
  CHECK(parse_priority_policy(R"({"policy":"strict"})")->kind ==
        queue::PriorityPolicy::Kind::strict);
  CHECK(parse_priority_policy(R"({"policy":"one_in_n","n":3})")->n == 3);
  CHECK(priority_policy_json(queue::PriorityPolicy::one_in_n(3)) ==
        R"({"policy":"one_in_n","n":3})");
  CHECK(priority_policy_json(queue::PriorityPolicy::strict()) ==
        R"({"policy":"strict"})");
  for (const char *bad :
       {"", "[]", "{", R"({})", R"({"policy":"fifo"})", R"({"policy":"one_in_n"})",
        R"({"policy":"one_in_n","n":0})", R"({"policy":"one_in_n","n":21})",
        R"({"policy":"one_in_n","n":"3"})", R"({"policy":"one_in_n","n":2.5})",
        R"({"policy":"strict","n":2})", R"({"policy":"strict","every":2})"})
    CHECK_MESSAGE(!parse_priority_policy(bad), bad);
  CHECK(parse_priority_policy(R"({"policy":"one_in_n","n":21})").error().message ==
        "\"n\" must be a whole number from 1 to 20 (normal calls per priority call)");
}

TEST_CASE("the chief sets one priority call in n and the counter calls that way, "
          "after a restart and the next day too") {
  Morning morning;
  Station s(morning);
  REQUIRE(
      s.call("POST", "/api/v1/admin/counters", R"({"id":"1","services":["A"]})", s.chief)
          .status == 201);
  REQUIRE(s.call("POST", "/api/v1/counters/1/open", "", s.chief).status == 200);
  CHECK(s.policy() == R"({"policy":"strict"})");

  // Strict, the default: both priority tickets first.
  s.issue_five();
  CHECK(s.calls(5) == "A004 A005 A001 A002 A003");

  auto set = s.call("PUT", "/api/v1/admin/priority-policy",
                    R"({"policy":"one_in_n","n":2})", s.chief);
  REQUIRE_MESSAGE(set.status == 200, set.body);
  CHECK(set.body == R"({"policy":"one_in_n","n":2})");
  // Counter 1 has made three normal calls since its last priority one: a
  // priority ticket now, then two normal ones, then priority again.
  s.issue_five();
  CHECK(s.calls(5) == "A009 A006 A007 A010 A008");

  // A restart replays the day with the policy it had.
  auto restarted = QueueDesk::open(test::small_catalog(), {.always_issuing = true},
                                   *s.store, morning.clock());
  REQUIRE(restarted);
  CHECK((*restarted)->priority_policy().kind == queue::PriorityPolicy::Kind::one_in_n);
  CHECK((*restarted)->priority_policy().n == 2);
  restarted->reset();

  // The next day: still one in two, counted from the day's start.
  *morning.now = test::utc(2026, 12, 1, 1, 0, 0);
  s.chief = s.session_token("boss", "secret-boss");
  auto next_day = QueueDesk::open(test::small_catalog(), {.always_issuing = true},
                                  *s.store, morning.clock());
  REQUIRE(next_day);
  CHECK((*next_day)->priority_policy().n == 2);
  REQUIRE(s.call("POST", "/api/v1/counters/1/open", "", s.chief).status == 200);
  s.issue_five();
  CHECK(s.calls(5) == "A001 A002 A004 A003 A005");
  CHECK(s.policy() == R"({"policy":"one_in_n","n":2})");

  // And back to strict.
  REQUIRE(
      s.call("PUT", "/api/v1/admin/priority-policy", R"({"policy":"strict"})", s.chief)
          .status == 200);
  s.issue_five();
  CHECK(s.calls(5) == "A009 A010 A006 A007 A008");
}

TEST_CASE("only the chief or a technician sets the priority policy, with a clear error") {
  Morning morning;
  Station s(morning);
  CHECK(
      s.call("PUT", "/api/v1/admin/priority-policy", R"({"policy":"strict"})", s.officer)
          .status == 403);
  CHECK(s.call("GET", "/api/v1/admin/priority-policy", "", s.officer).status == 403);
  auto bad = s.call("PUT", "/api/v1/admin/priority-policy",
                    R"({"policy":"one_in_n","n":0})", s.chief);
  CHECK(bad.status == 400);
  CHECK(bad.body.find("invalid_field") != std::string::npos);
  CHECK(s.call("PUT", "/api/v1/admin/priority-policy", "{", s.chief).status == 400);
  CHECK(s.policy() == R"({"policy":"strict"})"); // nothing changed
}
