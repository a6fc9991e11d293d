#include "tests/unit/queue/queue_test_support.hpp"

using namespace motcua::station::queue;
using namespace motcua::station::queue::test;
using Code = QueueError::Code;

TEST_CASE("an empty day estimates from the service's default average") {
  auto q = engine({service("A", 300, 10)});
  auto empty = q.estimated_wait("A");
  REQUIRE(empty.has_value());
  CHECK(empty->people_ahead == 0);
  CHECK(empty->minutes == 0);
  CHECK_FALSE(empty->measured);
  for (int i = 0; i < 3; ++i)
    ok(q.issue("A", "", at(8, 0)));
  // No counter open yet: the estimate assumes one.
  auto before_opening = q.estimated_wait("A");
  CHECK(before_opening->open_counters == 0);
  CHECK(before_opening->people_ahead == 3);
  CHECK(before_opening->minutes == 30);
  CHECK(q.estimated_wait("Z").error().code == Code::unknown_service);
}

TEST_CASE("open counters serving the service share the line") {
  auto q = engine({service("A", 300, 10), service("B")});
  open(q, "1", {"A"}, at(8, 0));
  open(q, "2", {"A", "B"}, at(8, 0));
  open(q, "3", {"B"}, at(8, 0));                            // does not serve A
  REQUIRE(q.add_counter("4", {"A"}, at(8, 0)).has_value()); // closed
  for (int i = 0; i < 3; ++i)
    ok(q.issue("A", "", at(8, 0)));
  auto e = q.estimated_wait("A");
  CHECK(e->open_counters == 2);
  CHECK(e->minutes == 15);
  REQUIRE(q.close_counter("2", at(8, 1)).has_value());
  CHECK(q.estimated_wait("A")->minutes == 30);
}

TEST_CASE("measured service times replace the default in a moving window") {
  QueueConfig config;
  config.service_time_window = 2;
  auto q = engine({service("A", 300, 10)}, config);
  open(q, "1", {"A"}, at(8, 0));
  auto serve = [&](int start_minute, int minutes) {
    ok(q.issue("A", "", at(8, 0)));
    ok(q.call_next("1", at(9, start_minute)));
    ok(q.start("1", at(9, start_minute)));
    ok(q.done("1", at(9, start_minute + minutes)));
  };
  serve(0, 4);
  serve(10, 6);
  ok(q.issue("A", "", at(9, 30)));
  auto e = q.estimated_wait("A");
  CHECK(e->measured);
  CHECK(e->service_minutes == doctest::Approx(5.0));
  CHECK(e->minutes == 5);
  ok(q.call_next("1", at(9, 30)));
  ok(q.start("1", at(9, 30)));
  ok(q.done("1", at(9, 50))); // window is now 6 and 20 minutes
  ok(q.issue("A", "", at(9, 51)));
  CHECK(q.estimated_wait("A")->service_minutes == doctest::Approx(13.0));
}

TEST_CASE("the window restarts with the day") {
  auto q = engine({service("A", 300, 10)});
  open(q, "1", {"A"}, at(8, 0));
  ok(q.issue("A", "", at(8, 0)));
  ok(q.call_next("1", at(8, 0)));
  ok(q.done("1", at(8, 2)));
  CHECK(q.estimated_wait("A")->measured);
  REQUIRE(q.advance_to(at(7, 0, 0, 1)).has_value());
  CHECK_FALSE(q.estimated_wait("A")->measured);
}

TEST_CASE("people ahead follow the strict policy") {
  auto q = engine({service("A"), service("B")});
  const QueueTicket n1 = ok(q.issue("A", "", at(8, 0)));
  const QueueTicket n2 = ok(q.issue("A", "", at(8, 1)));
  ok(q.issue("B", "elderly", at(8, 1))); // another service: not ahead
  const QueueTicket p1 = ok(q.issue("A", "elderly", at(8, 2)));
  const QueueTicket p2 = ok(q.issue("A", "elderly", at(8, 3)));
  CHECK(q.people_ahead(n1.id).value() == 2);
  CHECK(q.people_ahead(n2.id).value() == 3);
  CHECK(q.people_ahead(p1.id).value() == 0);
  CHECK(q.people_ahead(p2.id).value() == 1);
  CHECK(q.estimated_wait(p2.id)->minutes == 10);
  CHECK(q.estimated_wait("A")->people_ahead == 4);
  CHECK(q.people_ahead(999).error().code == Code::unknown_ticket);
}

TEST_CASE("people ahead under one_in_n count the interleaved class") {
  QueueConfig config;
  config.policy = PriorityPolicy::one_in_n(2);
  auto q = engine({service("A")}, config);
  std::vector<QueueTicket> normal;
  for (int i = 0; i < 5; ++i)
    normal.push_back(ok(q.issue("A", "", at(8, i))));
  std::vector<QueueTicket> priority;
  for (int i = 0; i < 3; ++i)
    priority.push_back(ok(q.issue("A", "elderly", at(8, 10 + i))));
  // The calling order is A001 A002 A006 A003 A004 A007 A005 A008 (policy_test):
  // the estimate matches it position for position.
  CHECK(q.people_ahead(normal[0].id).value() == 0);
  CHECK(q.people_ahead(normal[2].id).value() == 3);
  CHECK(q.people_ahead(normal[4].id).value() == 6);
  CHECK(q.people_ahead(priority[0].id).value() == 2);
  CHECK(q.people_ahead(priority[1].id).value() == 5);
  CHECK(q.people_ahead(priority[2].id).value() == 7);
  // A new normal ticket would be ninth: 5 normals and 2 priorities before it.
  CHECK(q.estimated_wait("A")->people_ahead == 7);
}

TEST_CASE("estimates exist only for waiting tickets, and counts events carry them") {
  auto q = engine({service("A", 300, 8)});
  open(q, "1", {"A"}, at(8, 0));
  ok(q.issue("A", "", at(8, 0)));
  const auto second = q.issue("A", "", at(8, 0));
  const QueueEvent &counts = second->events.back();
  CHECK(counts.kind == QueueEvent::Kind::counts);
  REQUIRE(counts.counts.size() == 1);
  CHECK(counts.counts[0].service_id == "A");
  CHECK(counts.counts[0].waiting == 2);
  CHECK(counts.counts[0].estimated_wait_minutes == 16);
  const QueueTicket called = ok(q.call_next("1", at(8, 1)));
  CHECK(q.estimated_wait(called.id).error().code == Code::wrong_state);
}

TEST_CASE("estimate_minutes rounds up and divides by the counters") {
  CHECK(estimate_minutes(0, 2, 10) == 0);
  CHECK(estimate_minutes(1, 3, 10) == 4);
  CHECK(estimate_minutes(3, 0, 10) == 30);
  CHECK(estimate_minutes(4, 2, 2.5) == 5);
}
