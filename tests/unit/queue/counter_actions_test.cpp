#include "tests/unit/queue/queue_test_support.hpp"

using namespace motcua::station::queue;
using namespace motcua::station::queue::test;
using Code = QueueError::Code;
using Kind = QueueEvent::Kind;

TEST_CASE("call, start and done move a ticket through its states with timestamps") {
  auto q = engine({service("A")});
  open(q, "1", {"A"}, at(8, 0));
  REQUIRE(q.login_officer("1", "officer.lan", at(8, 0)).has_value());
  const QueueTicket issued = ok(q.issue("A", "", at(8, 1)));

  const auto called = q.call_next("1", at(8, 2));
  CHECK(ok(called).state == TicketState::called);
  CHECK(called->ticket.counter_id == "1");
  CHECK(called->ticket.officer == "officer.lan");
  CHECK(called->ticket.called_at == at(8, 2));
  REQUIRE(called->events.size() == 2);
  CHECK(called->events[0].kind == Kind::called);
  REQUIRE(called->events[0].counter.has_value());
  CHECK(called->events[0].counter->current == issued.id);
  CHECK(called->events[1].kind == Kind::counts);
  CHECK(called->events[1].counts[0].waiting == 0);

  CHECK(ok(q.start("1", at(8, 3))).state == TicketState::serving);
  CHECK(error_of(q.start("1", at(8, 3))) == Code::wrong_state);
  CHECK(error_of(q.recall("1", at(8, 3))) == Code::wrong_state);
  const QueueTicket finished = ok(q.done("1", at(8, 10)));
  CHECK(finished.state == TicketState::done);
  CHECK(finished.started_at == at(8, 3));
  CHECK(finished.finished_at == at(8, 10));
  CHECK_FALSE(q.find_counter("1")->current);
  CHECK(error_of(q.done("1", at(8, 11))) == Code::counter_idle);
}

TEST_CASE("a counter must be open and free to call, and busy counters cannot close") {
  auto q = engine({service("A")});
  REQUIRE(q.add_counter("1", {"A"}, at(8, 0)).has_value());
  CHECK(q.add_counter("1", {"A"}, at(8, 0)).error().code == Code::duplicate_counter);
  CHECK(q.add_counter("2", {"Z"}, at(8, 0)).error().code == Code::unknown_service);
  CHECK(q.find_counter("2") == nullptr);
  ok(q.issue("A", "", at(8, 1)));
  ok(q.issue("A", "", at(8, 1)));
  CHECK(error_of(q.call_next("1", at(8, 2))) == Code::counter_closed);
  CHECK(error_of(q.call_next("9", at(8, 2))) == Code::unknown_counter);
  REQUIRE(q.open_counter("1", at(8, 2)).has_value());
  ok(q.call_next("1", at(8, 3)));
  CHECK(error_of(q.call_next("1", at(8, 4))) == Code::counter_busy);
  CHECK(q.close_counter("1", at(8, 4)).error().code == Code::counter_busy);
  ok(q.done("1", at(8, 5)));
  auto closed = q.close_counter("1", at(8, 6));
  REQUIRE(closed.has_value());
  CHECK(closed->front().kind == Kind::counter_changed);
  CHECK_FALSE(closed->front().counter->open);
}

TEST_CASE("an empty line is reported, not a phantom ticket") {
  auto q = engine({service("A")});
  open(q, "1", {"A"}, at(8, 0));
  CHECK(error_of(q.call_next("1", at(8, 1))) == Code::queue_empty);
}

TEST_CASE(
    "no-show is allowed only after the configured recalls, up to the recall limit") {
  QueueConfig config;
  config.max_recalls = 3;
  config.recalls_before_no_show = 2;
  auto q = engine({service("A")}, config);
  open(q, "1", {"A"}, at(8, 0));
  ok(q.issue("A", "", at(8, 0)));
  ok(q.call_next("1", at(8, 1)));
  CHECK(error_of(q.no_show("1", at(8, 2))) == Code::too_few_recalls);
  CHECK(ok(q.recall("1", at(8, 2))).recall_count == 1);
  CHECK(error_of(q.no_show("1", at(8, 3))) == Code::too_few_recalls);
  const auto second = q.recall("1", at(8, 3));
  CHECK(ok(second).recall_count == 2);
  CHECK(second->events[0].kind == Kind::recalled);
  CHECK(ok(q.recall("1", at(8, 4))).recall_count == 3);
  CHECK(error_of(q.recall("1", at(8, 5))) == Code::recall_limit_reached);
  const auto gone = q.no_show("1", at(8, 6));
  CHECK(ok(gone).state == TicketState::no_show);
  CHECK(gone->ticket.finished_at == at(8, 6));
  CHECK(gone->events[0].kind == Kind::no_show);
  CHECK_FALSE(q.find_counter("1")->current);
}

TEST_CASE("with zero required recalls a no-show may follow the call, never the start") {
  QueueConfig config;
  config.recalls_before_no_show = 0;
  auto q = engine({service("A")}, config);
  open(q, "1", {"A"}, at(8, 0));
  ok(q.issue("A", "", at(8, 0)));
  ok(q.issue("A", "", at(8, 0)));
  ok(q.call_next("1", at(8, 1)));
  CHECK(ok(q.no_show("1", at(8, 1))).state == TicketState::no_show);
  ok(q.call_next("1", at(8, 2)));
  ok(q.start("1", at(8, 2)));
  CHECK(error_of(q.no_show("1", at(8, 3))) == Code::wrong_state);
}

TEST_CASE("a transfer keeps the number and links the two records") {
  auto q = engine({service("A"), service("C")});
  open(q, "1", {"A"}, at(8, 0));
  open(q, "2", {"C"}, at(8, 0));
  const QueueTicket a1 = ok(q.issue("A", "elderly", at(8, 0)));
  ok(q.issue("C", "", at(8, 5)));
  ok(q.call_next("1", at(8, 10)));
  ok(q.start("1", at(8, 11)));
  CHECK(error_of(q.transfer("1", "A", at(8, 12))) == Code::same_service);
  CHECK(error_of(q.transfer("1", "Z", at(8, 12))) == Code::unknown_service);

  const auto moved = q.transfer("1", "C", at(8, 15));
  const QueueTicket old = ok(moved);
  CHECK(old.id == a1.id);
  CHECK(old.state == TicketState::transferred);
  REQUIRE(old.transferred_to.has_value());
  const QueueEvent &event = moved->events[0];
  CHECK(event.kind == Kind::transferred);
  REQUIRE(event.linked.has_value());
  const QueueTicket &now_in_c = *event.linked;
  CHECK(now_in_c.id == *old.transferred_to);
  CHECK(now_in_c.transferred_from == a1.id);
  CHECK(now_in_c.number == "A001");
  CHECK(now_in_c.issued_service == "A");
  CHECK(now_in_c.service_id == "C");
  CHECK(now_in_c.priority_group == "elderly");
  CHECK(now_in_c.state == TicketState::waiting);
  CHECK(q.waiting_count("C") == 2);
  CHECK_FALSE(q.find_counter("1")->current);
  // It kept its 08:00 arrival, so it goes before C001 (and is priority anyway).
  CHECK(ok(q.call_next("2", at(8, 16))).id == now_in_c.id);
  // The number stays unique: C's own sequence is untouched.
  CHECK(ok(q.issue("C", "", at(8, 17))).number == "C002");
}

TEST_CASE("a transfer may join the end of the new line") {
  QueueConfig config;
  config.transfer_placement = QueueConfig::TransferPlacement::at_transfer_time;
  auto q = engine({service("A"), service("C")}, config);
  open(q, "1", {"A"}, at(8, 0));
  open(q, "2", {"C"}, at(8, 0));
  ok(q.issue("A", "", at(8, 0)));
  const QueueTicket c1 = ok(q.issue("C", "", at(8, 5)));
  ok(q.call_next("1", at(8, 10)));
  const auto moved = q.transfer("1", "C", at(8, 12)); // transfer from "called" too
  ok(moved);
  CHECK(moved->events[0].linked->queued_at == at(8, 12));
  CHECK(ok(q.call_next("2", at(8, 13))).id == c1.id);
}

TEST_CASE("a transferred ticket may be transferred again and the chain stays linked") {
  auto q = engine({service("A"), service("B"), service("C")});
  open(q, "1", {"A", "B", "C"}, at(8, 0));
  const QueueTicket first = ok(q.issue("A", "", at(8, 0)));
  ok(q.call_next("1", at(8, 1)));
  const TicketId second = *ok(q.transfer("1", "B", at(8, 2))).transferred_to;
  CHECK(ok(q.call_next("1", at(8, 3))).id == second);
  const TicketId third = *ok(q.transfer("1", "C", at(8, 4))).transferred_to;
  CHECK(q.find_ticket(third)->transferred_from == second);
  CHECK(q.find_ticket(second)->transferred_from == first.id);
  CHECK(q.find_ticket(third)->number == "A001");
}

TEST_CASE("the officer is recorded per call and can log out") {
  auto q = engine({service("A")});
  open(q, "1", {"A"}, at(8, 0));
  auto events = q.login_officer("1", "lan", at(8, 0));
  REQUIRE(events.has_value());
  CHECK(events->front().counter->officer == "lan");
  ok(q.issue("A", "", at(8, 0)));
  ok(q.issue("A", "", at(8, 0)));
  CHECK(ok(q.call_next("1", at(8, 1))).officer == "lan");
  ok(q.done("1", at(8, 2)));
  REQUIRE(q.login_officer("1", "", at(8, 3)).has_value());
  CHECK(ok(q.call_next("1", at(8, 4))).officer.empty());
}

TEST_CASE("done without start times the service from the call") {
  auto q = engine({service("A")});
  open(q, "1", {"A"}, at(8, 0));
  ok(q.issue("A", "", at(8, 0)));
  ok(q.call_next("1", at(8, 1)));
  const QueueTicket t = ok(q.done("1", at(8, 4)));
  CHECK(t.started_at == at(8, 1));
  CHECK(q.estimated_wait("A")->measured);
  CHECK(q.estimated_wait("A")->service_minutes == doctest::Approx(3.0));
}
