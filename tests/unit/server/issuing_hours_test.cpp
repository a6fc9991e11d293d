// A service's issuing hours from the catalog: kiosks get numbers inside them
// only, an admin edits them with the service, and a restart with narrower
// hours keeps every ticket the journal holds.
#include "server/admin/service_edit.hpp"
#include "tests/unit/server/station_stack.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

using namespace motcua::station;
namespace json = boost::json;

namespace {

motcua::Catalog catalog_with_hours(const std::string &hours,
                                   const std::string &b_prefix = "B") {
  auto catalog = motcua::parse_catalog(
      R"({"format_version":1,"station":{"name":"CA"},"services":[)"
      R"({"id":"A","prefix":"A","label":{"vi":"Cư trú"},"issuing_hours":)" +
          hours + R"(},{"id":"B","prefix":")" + b_prefix +
          R"(","label":{"vi":"Căn cước"}}]})",
      "test");
  REQUIRE_MESSAGE(catalog, (catalog ? "" : catalog.error().to_string()));
  return *catalog;
}

// Monday 2026-11-30, station time.
TimePoint monday(int hour, int minute) {
  return test::utc(2026, 11, 30, hour - 7, minute, 0);
}

int issue(const test::StationStack &s, const char *service) {
  return s
      .handle(ApiRequest{"POST", "/api/v1/tickets", "application/json", "",
                         std::string(R"({"service":")") + service + "\"}"})
      .status;
}

// A station that keeps its catalog's hours, on Monday at 08:30 until the
// test moves `now`.
struct MondayStation {
  static test::StackOptions keeping_hours() {
    test::StackOptions options;
    options.always_issuing = false;
    return options;
  }
  explicit MondayStation(const motcua::Catalog &catalog)
      : now(std::make_shared<TimePoint>(monday(8, 30))),
        stack(clock(), keeping_hours(), catalog) {}
  Clock clock() const {
    return [now = now] { return *now; };
  }
  std::shared_ptr<TimePoint> now;
  test::StationStack stack;
};

} // namespace

TEST_CASE("a service issues inside its catalog hours only, another keeps the usual "
          "hours") {
  MondayStation m(catalog_with_hours(R"({"mon":["08:00-09:00","14:00-15:00"]})"));
  auto &s = m.stack;
  auto &now = m.now;
  CHECK(issue(s, "A") == 201);
  *now = monday(9, 0); // the end is not inside
  CHECK(issue(s, "A") == 409);
  CHECK(issue(s, "B") == 201); // Monday 07:30-11:30, the usual hours
  *now = monday(14, 59);
  CHECK(issue(s, "A") == 201);
  *now = monday(15, 30);
  auto refused = s.handle(ApiRequest{"POST", "/api/v1/tickets", "application/json", "",
                                     R"({"service":"A"})"});
  CHECK(refused.status == 409);
  CHECK(refused.body.find("outside_issuing_hours") != std::string::npos);
}

TEST_CASE("a restart with narrower issuing hours keeps the tickets issued before") {
  MondayStation m(catalog_with_hours(R"({"mon":["08:00-11:00"]})"));
  auto &s = m.stack;
  auto &now = m.now;
  REQUIRE(issue(s, "A") == 201);
  REQUIRE(issue(s, "A") == 201);
  // The admin narrows A to 10:00-11:00 and the station restarts at 10:15.
  *now = monday(10, 15);
  const auto narrower = catalog_with_hours(R"({"mon":["10:00-11:00"]})");
  auto restarted = QueueDesk::open(narrower, {}, *s.store, m.clock());
  REQUIRE(restarted);
  CHECK((*restarted)->snapshot().open_tickets.size() == 2);
  // New tickets obey the new hours, and number on.
  auto third = (*restarted)->issue(motcua::TicketRequest{"A", std::nullopt, ""});
  REQUIRE(third);
  CHECK(third->ticket.number == "A003");
  *now = monday(11, 5);
  CHECK_FALSE((*restarted)->issue(motcua::TicketRequest{"A", std::nullopt, ""}));
}

TEST_CASE("an edited catalog runs at once, and a restart with it numbers the same") {
  MondayStation m(catalog_with_hours(R"({"mon":["08:00-11:00"]})"));
  auto &s = m.stack;
  auto &now = m.now;
  REQUIRE(issue(s, "A") == 201);
  // A closes at 09:00 from now on; B, with no number yet today, becomes K.
  const auto edited = catalog_with_hours(R"({"mon":["08:00-09:00"]})", "K");
  REQUIRE_FALSE(s.desk->set_catalog(edited));
  *now = monday(9, 30);
  CHECK(issue(s, "A") == 409);
  auto b = s.desk->issue(motcua::TicketRequest{"B", std::nullopt, ""});
  REQUIRE(b);
  CHECK(b->ticket.number == "K001");
  // A restart reads the saved catalog: the same tickets, the same numbers.
  auto restarted = QueueDesk::open(edited, {}, *s.store, m.clock());
  REQUIRE(restarted);
  std::vector<std::string> numbers;
  for (const auto &t : (*restarted)->snapshot().open_tickets)
    numbers.push_back(t.number);
  CHECK(numbers == std::vector<std::string>{"A001", "K001"});
  CHECK((*restarted)->ticket_status(b->ticket.day, "K001"));
}

TEST_CASE("an admin edits a service's issuing hours, or gives them back to the usual") {
  const auto catalog = test::small_catalog();
  auto edited = apply_service_edit(
      catalog, "A", R"({"issuing_hours":{"mon":["07:00-12:00"],"sun":[]}})");
  REQUIRE_MESSAGE(edited, (edited ? "" : edited.error().message));
  const auto &hours = edited->find_service("A")->issuing_hours;
  REQUIRE(hours);
  CHECK((*hours)[1] == std::vector<motcua::MinuteRange>{{420, 720}});
  CHECK((*hours)[2].empty());
  auto reset = apply_service_edit(*edited, "A", R"({"issuing_hours":null})");
  REQUIRE(reset);
  CHECK_FALSE(reset->find_service("A")->issuing_hours);
  auto bad =
      apply_service_edit(catalog, "A", R"({"issuing_hours":{"mon":["12:00-07:00"]}})");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == "invalid_field");
  CHECK(bad.error().message == "\"issuing_hours\" mon: \"12:00-07:00\" is not "
                               "\"HH:MM-HH:MM\" with the start before the end");
}
