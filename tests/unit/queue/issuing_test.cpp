#include "tests/unit/queue/queue_test_support.hpp"

using namespace motcua::station::queue;
using namespace motcua::station::queue::test;
using Code = QueueError::Code;

TEST_CASE("issue numbers tickets per service from the first number") {
  auto q = engine({service("A"), service("B")});
  CHECK(ok(q.issue("A", "", at(8, 0))).number == "A001");
  CHECK(ok(q.issue("A", "", at(8, 1))).number == "A002");
  const QueueTicket b = ok(q.issue("B", "elderly", at(8, 2)));
  CHECK(b.number == "B001");
  CHECK(b.sequence == 1);
  CHECK(b.priority_group == "elderly");
  CHECK(b.state == TicketState::waiting);
  CHECK(q.waiting_count("A") == 2);
  CHECK(q.waiting_count("B") == 1);
  CHECK(error_of(q.issue("Z", "", at(8, 3))) == Code::unknown_service);
}

TEST_CASE("a configured number range starts and ends the day's numbers") {
  ServiceRules rules = service("C");
  rules.first_number = 100;
  rules.last_number = 101;
  auto q = engine({rules});
  CHECK(ok(q.issue("C", "", at(8, 0))).number == "C100");
  CHECK(ok(q.issue("C", "", at(8, 0))).number == "C101");
  CHECK(error_of(q.issue("C", "", at(8, 0))) == Code::daily_cap_reached);
}

TEST_CASE("the daily cap refuses tickets until the next day") {
  auto q = engine({service("A", 2)});
  ok(q.issue("A", "", at(8, 0)));
  ok(q.issue("A", "", at(8, 1)));
  const auto refused = q.issue("A", "", at(8, 2));
  CHECK(error_of(refused) == Code::daily_cap_reached);
  CHECK(refused.error().message.find("A") != std::string::npos);
  CHECK(ok(q.issue("A", "", at(8, 0, 0, 1))).number == "A001");
}

TEST_CASE("tickets are issued only inside the weekday's issuing windows") {
  ServiceRules rules = service("A");
  rules.windows = default_issuing_windows();
  auto q = engine({rules});
  CHECK(error_of(q.issue("A", "", at(7, 29, 59))) == Code::outside_issuing_window);
  CHECK(ok(q.issue("A", "", at(7, 30))).number == "A001");
  CHECK(ok(q.issue("A", "", at(11, 29, 59))).number == "A002");
  CHECK(error_of(q.issue("A", "", at(11, 30))) == Code::outside_issuing_window);
  CHECK(error_of(q.issue("A", "", at(12, 45))) == Code::outside_issuing_window);
  CHECK(ok(q.issue("A", "", at(13, 30))).number == "A003");
  CHECK(error_of(q.issue("A", "", at(16, 30))) == Code::outside_issuing_window);
  // Saturday (offset 5) morning only; Sunday closed.
  CHECK(ok(q.issue("A", "", at(9, 0, 0, 5))).number == "A001");
  CHECK(error_of(q.issue("A", "", at(14, 0, 0, 5))) == Code::outside_issuing_window);
  CHECK(error_of(q.issue("A", "", at(9, 0, 0, 6))) == Code::outside_issuing_window);
}

TEST_CASE(
    "the first action after local midnight expires the old day and restarts numbers") {
  auto q = engine({service("A")});
  open(q, "1", {"A"}, at(8, 0));
  REQUIRE(q.login_officer("1", "officer.lan", at(8, 0)).has_value());
  const QueueTicket done_one = ok(q.issue("A", "", at(8, 0)));
  ok(q.call_next("1", at(8, 1)));
  ok(q.done("1", at(8, 5)));
  const QueueTicket called = ok(q.issue("A", "", at(23, 58)));
  const QueueTicket waiting = ok(q.issue("A", "", at(23, 59, 59)));
  ok(q.call_next("1", at(23, 59, 59)));

  const auto update = q.issue("A", "", at(0, 0, 0, 1));
  const QueueTicket fresh = ok(update);
  CHECK(fresh.number == "A001");
  CHECK(q.day() == "2026-11-24");
  REQUIRE(update->events.size() == 3);
  const QueueEvent &day = update->events[0];
  CHECK(day.kind == QueueEvent::Kind::day_started);
  CHECK(day.previous_day == "2026-11-23");
  REQUIRE(day.expired.size() == 2);
  CHECK(day.expired[0].id == called.id);
  CHECK(day.expired[1].id == waiting.id);
  CHECK(day.expired[0].state == TicketState::expired);
  CHECK(update->events[1].kind == QueueEvent::Kind::issued);
  CHECK(update->events[2].kind == QueueEvent::Kind::counts);
  // Yesterday's tickets are gone; counters are closed and logged out.
  CHECK(q.find_ticket(done_one.id) == nullptr);
  CHECK(q.tickets().size() == 1);
  const Counter *counter = q.find_counter("1");
  REQUIRE(counter);
  CHECK_FALSE(counter->open);
  CHECK(counter->officer.empty());
  CHECK_FALSE(counter->current);
  CHECK(fresh.id > waiting.id);
}

TEST_CASE("a rollover is reported once, even when the action that caused it fails") {
  ServiceRules rules = service("A");
  rules.windows = default_issuing_windows();
  auto q = engine({rules});
  ok(q.issue("A", "", at(8, 0)));
  CHECK(error_of(q.issue("A", "", at(0, 5, 0, 1))) == Code::outside_issuing_window);
  CHECK(q.tickets().empty());
  auto events = q.advance_to(at(0, 6, 0, 1));
  REQUIRE(events.has_value());
  REQUIRE(events->size() == 1);
  CHECK((*events)[0].kind == QueueEvent::Kind::day_started);
  CHECK((*events)[0].expired.size() == 1);
  auto again = q.advance_to(at(0, 7, 0, 1));
  REQUIRE(again.has_value());
  CHECK(again->empty());
}

TEST_CASE("a time on an earlier day is refused") {
  auto q = engine({service("A")});
  ok(q.issue("A", "", at(8, 0, 0, 1)));
  CHECK(error_of(q.issue("A", "", at(8, 0))) == Code::time_went_back);
  CHECK(q.day() == "2026-11-24");
}

TEST_CASE(
    "leased blocks come from the top of the range and online numbers start at 001") {
  auto q = engine({service("A", 10)});
  // A kiosk leases at the start of the day, before anybody arrives.
  auto block = q.lease_block("A", 3, at(7, 0));
  REQUIRE(block.has_value());
  CHECK(block->first == 997);
  CHECK(block->last == 999);
  CHECK(block->day == "2026-11-23");
  CHECK(ok(q.issue("A", "", at(8, 0))).number == "A001");
  auto second = q.lease_block("A", 2, at(8, 1));
  REQUIRE(second.has_value());
  CHECK(second->first == 995);
  CHECK(second->last == 996);
  CHECK(ok(q.issue("A", "", at(8, 2))).number == "A002");
  // Leased numbers count against the cap: 2 issued + 5 leased of 10, so only
  // 3 more can be leased, and then nothing is issued online either.
  auto rest = q.lease_block("A", 50, at(8, 3));
  REQUIRE(rest.has_value());
  CHECK(rest->first == 992);
  CHECK(rest->last == 994);
  CHECK_FALSE(q.lease_block("A", 1, at(8, 4)).has_value());
  CHECK(error_of(q.issue("A", "", at(8, 4))) == Code::daily_cap_reached);
}

TEST_CASE("online and leased numbers never meet, even when the cap is the whole range") {
  ServiceRules small = service("A", 999);
  small.first_number = 1;
  small.last_number = 6;
  auto q = engine({small});
  auto block = q.lease_block("A", 2, at(7, 0));
  REQUIRE(block.has_value());
  CHECK(block->first == 5);
  CHECK(block->last == 6);
  std::vector<std::string> online;
  for (int i = 0; i < 4; ++i)
    online.push_back(ok(q.issue("A", "", at(8, i))).number);
  CHECK(online == std::vector<std::string>{"A001", "A002", "A003", "A004"});
  CHECK(error_of(q.issue("A", "", at(8, 5))) == Code::daily_cap_reached);
  CHECK_FALSE(q.lease_block("A", 1, at(8, 6)).has_value());
  // The leased numbers are still the kiosk's to upload.
  CHECK(ok(q.insert_offline({"A", 5, "", at(7, 30)}, at(8, 7))).number == "A005");
}

TEST_CASE("the same actions cut the same blocks: a replay matches what kiosks hold") {
  auto run = [] {
    auto q = engine({service("A"), service("B")});
    std::vector<std::pair<int, int>> blocks;
    for (int i = 0; i < 3; ++i) {
      auto a = q.lease_block("A", 10, at(7, i));
      auto b = q.lease_block("B", 4 + i, at(7, i));
      REQUIRE(a.has_value());
      REQUIRE(b.has_value());
      blocks.emplace_back(a->first, a->last);
      blocks.emplace_back(b->first, b->last);
      ok(q.issue("A", "", at(8, i)));
    }
    return blocks;
  };
  const auto first = run();
  CHECK(first == run());
  CHECK(first[0] == std::pair(990, 999));
  CHECK(first[2] == std::pair(980, 989));
  CHECK(first[5] == std::pair(985, 990)); // B: 996-999, 991-995, 985-990
}

TEST_CASE("leases restart from the top on the next day") {
  auto q = engine({service("A")});
  REQUIRE(q.lease_block("A", 10, at(7, 0)).has_value());
  auto next_day = q.lease_block("A", 10, at(7, 0, 0, 1));
  REQUIRE(next_day.has_value());
  CHECK(next_day->first == 990);
  CHECK(next_day->day == "2026-11-24");
  CHECK(ok(q.issue("A", "", at(8, 0, 0, 1))).number == "A001");
}

TEST_CASE("offline tickets join the line by their issue time") {
  auto q = engine({service("A")});
  open(q, "1", {"A"}, at(8, 0));
  auto block = q.lease_block("A", 3, at(7, 0));
  REQUIRE(block.has_value());
  REQUIRE(block->first == 997);
  const QueueTicket online = ok(q.issue("A", "", at(8, 10)));
  CHECK(online.number == "A001");
  const QueueTicket offline = ok(q.insert_offline({"A", 998, "", at(8, 5)}, at(8, 20)));
  CHECK(offline.number == "A998");
  CHECK(offline.offline);
  CHECK(offline.issued_at == at(8, 5));
  CHECK(q.people_ahead(online.id).value() == 1);
  CHECK(ok(q.call_next("1", at(8, 21))).id == offline.id);

  CHECK(error_of(q.insert_offline({"A", 998, "", at(8, 6)}, at(8, 22))) ==
        Code::duplicate_ticket);
  CHECK(error_of(q.insert_offline({"A", 996, "", at(8, 6)}, at(8, 22))) ==
        Code::not_leased);
  // An online number is never an offline one.
  CHECK(error_of(q.insert_offline({"A", 1, "", at(8, 6)}, at(8, 22))) ==
        Code::not_leased);
  CHECK(error_of(q.insert_offline({"A", 997, "", at(8, 6, 0, -1)}, at(8, 22))) ==
        Code::wrong_day);
  CHECK(error_of(q.insert_offline({"B", 997, "", at(8, 6)}, at(8, 22))) ==
        Code::unknown_service);
  // Yesterday's lease does not cover today's numbers.
  CHECK(error_of(q.insert_offline({"A", 997, "", at(0, 1, 0, 1)}, at(0, 2, 0, 1))) ==
        Code::not_leased);
}

TEST_CASE("invalid configurations are named") {
  auto rejects = [](std::vector<ServiceRules> services, QueueConfig config = {}) {
    auto created = QueueEngine::create(std::move(services), config);
    return !created.has_value() && created.error().code == Code::invalid_config;
  };
  CHECK(rejects({service("A"), service("A")}));
  ServiceRules no_prefix = service("A");
  no_prefix.prefix.clear();
  CHECK(rejects({no_prefix}));
  ServiceRules backwards = service("A");
  backwards.first_number = 10;
  backwards.last_number = 5;
  CHECK(rejects({backwards}));
  ServiceRules empty_window = service("A");
  empty_window.windows[monday] = {{600, 600}};
  CHECK(rejects({empty_window}));
  QueueConfig zero_n;
  zero_n.policy = PriorityPolicy::one_in_n(0);
  CHECK(rejects({service("A")}, zero_n));
  QueueConfig recalls;
  recalls.max_recalls = 1;
  recalls.recalls_before_no_show = 2;
  CHECK(rejects({service("A")}, recalls));
  CHECK_FALSE(rejects({service("A")}));
}

TEST_CASE("catalog services become rules with the usual desk hours") {
  motcua::Service s;
  s.id = "E";
  s.prefix = "E";
  s.daily_cap = 200;
  s.avg_service_minutes = 15;
  const ServiceRules rules = rules_from_catalog(s);
  CHECK(rules.id == "E");
  CHECK(rules.capacity() == 200);
  CHECK(rules.default_service_minutes == 15);
  CHECK(rules.issuing_at(at(9, 0)));
  CHECK_FALSE(rules.issuing_at(at(12, 0)));
  CHECK(ticket_number(rules, 42) == "E042");
}

TEST_CASE("new rules apply to the next ticket, and a prefix only before today's first") {
  auto q = engine({service("A", 300, 10), service("B")});
  ok(q.issue("A", "", at(8, 0)));
  ok(q.issue("A", "", at(8, 1)));
  open(q, "1", {"A"}, at(8, 2));

  // A lower cap refuses the next ticket; the two issued stay in line.
  auto lower = service("A", 2, 4);
  CHECK_FALSE(q.set_rules({lower, service("B")}, at(8, 3)).has_value());
  CHECK(error_of(q.issue("A", "", at(8, 4))) == Code::daily_cap_reached);
  CHECK(q.waiting_count("A") == 2);
  // The estimate follows the new average (nothing served yet today).
  auto wait = q.estimated_wait("A");
  REQUIRE(wait.has_value());
  CHECK(wait->minutes == 2 * 4);
  // Closed hours refuse the next one too.
  auto closed = service("A", 300, 4);
  closed.windows = WeeklyWindows{};
  CHECK_FALSE(q.set_rules({closed, service("B")}, at(8, 5)).has_value());
  CHECK(error_of(q.issue("A", "", at(8, 6))) == Code::outside_issuing_window);

  // A's numbers of today were printed as A: its prefix and range stay.
  auto renamed = service("A");
  renamed.prefix = "R";
  auto error = q.set_rules({renamed, service("B")}, at(8, 7));
  REQUIRE(error.has_value());
  CHECK(error->code == Code::numbers_in_use);
  auto shorter = service("A");
  shorter.last_number = 500;
  CHECK(q.set_rules({shorter, service("B")}, at(8, 7))->code == Code::numbers_in_use);
  // Refused whole: A is still closed.
  CHECK(error_of(q.issue("A", "", at(8, 8))) == Code::outside_issuing_window);
  // B gave out none today (a lease counts): it may change now.
  auto b = service("B");
  b.prefix = "K";
  CHECK_FALSE(q.set_rules({service("A"), b}, at(8, 9)).has_value());
  CHECK(ok(q.issue("B", "", at(8, 10))).number == "K001");
  auto leased = engine({service("A")});
  REQUIRE(leased.lease_block("A", 10, at(8, 0)).has_value());
  CHECK(leased.set_rules({renamed}, at(8, 1))->code == Code::numbers_in_use);
  // The next day nothing is numbered yet.
  CHECK_FALSE(q.set_rules({renamed, b}, at(7, 0, 0, 1)).has_value());
  CHECK(ok(q.issue("A", "", at(7, 1, 0, 1))).number == "R001");

  // Services are not added, removed or reordered here.
  CHECK(q.set_rules({b}, at(9, 0, 0, 1))->code == Code::invalid_config);
  CHECK(q.set_rules({b, renamed}, at(9, 0, 0, 1))->code == Code::invalid_config);
  auto broken = service("A");
  broken.daily_cap = -1;
  CHECK(q.set_rules({broken, b}, at(9, 0, 0, 1))->code == Code::invalid_config);
}

TEST_CASE("a withdrawn ticket leaves the line as if never issued, its number used") {
  auto q = engine({service("A"), service("B")});
  ok(q.issue("A", "", at(8, 0)));
  ok(q.issue("A", "", at(8, 1)));
  ok(q.issue("A", "", at(8, 2)));
  auto gone = q.withdraw("A002", at(8, 3));
  REQUIRE_MESSAGE(gone.has_value(), (gone ? "" : gone.error().message));
  CHECK(gone->ticket.number == "A002");
  REQUIRE(gone->events.size() == 1);
  CHECK(gone->events[0].kind == QueueEvent::Kind::counts);
  CHECK(q.waiting_count("A") == 2);
  CHECK(q.tickets().size() == 2);
  // The one behind it moves up; the next number is not A002 again.
  CHECK(ok(q.issue("A", "", at(8, 4))).number == "A004");
  open(q, "1", {"A"}, at(8, 5));
  CHECK(ok(q.call_next("1", at(8, 6))).number == "A001");
  REQUIRE(q.call_next("1", at(8, 6)).has_value() == false); // busy: A001 is called
  CHECK(error_of(q.withdraw("A001", at(8, 7))) == Code::wrong_state);
  CHECK(error_of(q.withdraw("A002", at(8, 7))) == Code::unknown_ticket);
  CHECK(error_of(q.withdraw("B001", at(8, 7))) == Code::unknown_ticket);
  auto a3 = q.people_ahead(q.tickets()[1].id);
  REQUIRE(a3.has_value());
  CHECK(*a3 == 0); // A003: next after A001, A002 gone
}
