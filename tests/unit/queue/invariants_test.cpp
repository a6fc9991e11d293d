// Thousands of random actions, checking after each one what must always hold:
// no ticket is called or served twice, every issued ticket ends in exactly one
// final state, and numbers are unique per service per day. Set
// MOTCUA_QUEUE_SEED to replay one seed.
#include "tests/unit/queue/queue_test_support.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

using namespace motcua::station::queue;
using namespace motcua::station::queue::test;
using Kind = QueueEvent::Kind;

namespace {

// Collects the first broken invariant; one REQUIRE per step keeps the run fast.
struct Checker {
  std::string problem;
  // What is being checked, named only on failure to keep the loop cheap.
  const QueueTicket *ticket = nullptr;
  std::string subject;
  void expect(bool ok, const char *what) {
    if (ok || !problem.empty())
      return;
    problem =
        ticket ? ticket->number + " (id " + std::to_string(ticket->id) + ")" : subject;
    problem += std::string(": ") + what;
  }

  std::unordered_map<TicketId, int> called, started, finals;
  std::map<TicketId, QueueTicket> final_snapshot;
  std::set<TicketId> issued_today;

  void record_final(const QueueTicket &t) {
    ++finals[t.id];
    final_snapshot[t.id] = t;
  }

  void take(const std::vector<QueueEvent> &events) {
    for (const QueueEvent &e : events) {
      switch (e.kind) {
      case Kind::day_started:
        for (const QueueTicket &t : e.expired) {
          expect(t.state == TicketState::expired,
                 "a rollover reported a ticket not expired");
          record_final(t);
        }
        end_day();
        break;
      case Kind::issued:
        issued_today.insert(e.ticket->id);
        break;
      case Kind::called:
        ++called[e.ticket->id];
        break;
      case Kind::started:
        ++started[e.ticket->id];
        break;
      case Kind::done:
      case Kind::no_show:
        record_final(*e.ticket);
        break;
      case Kind::transferred:
        record_final(*e.ticket);
        issued_today.insert(e.linked->id);
        break;
      case Kind::recalled:
      case Kind::counter_changed:
      case Kind::counts:
        break;
      }
    }
  }

  // Every ticket of the day ended exactly once.
  void end_day() {
    for (TicketId id : issued_today) {
      subject = "ticket id " + std::to_string(id);
      ticket = nullptr;
      expect(finals[id] == 1, "did not end the day in exactly one final state");
    }
    issued_today.clear();
  }

  void check(const QueueEngine &q) {
    const std::vector<QueueTicket> tickets = q.tickets();
    std::unordered_map<TicketId, const QueueTicket *> by_id;
    for (const QueueTicket &t : tickets)
      by_id[t.id] = &t;
    std::map<std::string, int> waiting;
    std::set<std::pair<std::string, int>> originals;
    std::map<std::string, int> originals_per_service;
    std::set<TicketId> active;
    for (const QueueTicket &t : tickets) {
      ticket = &t;
      expect(issued_today.count(t.id) == 1, "in the queue without an issued event");
      expect(called[t.id] <= 1, "called twice");
      expect(started[t.id] <= 1, "served twice");
      expect(finals[t.id] == (is_final(t.state) ? 1 : 0),
             "final events do not match its state");
      if (is_final(t.state)) {
        const QueueTicket &was = final_snapshot[t.id];
        expect(was.state == t.state, "left its final state");
        expect(was.finished_at == t.finished_at, "changed after its final state");
      }
      if (t.state == TicketState::waiting)
        ++waiting[t.service_id];
      if (t.state == TicketState::called || t.state == TicketState::serving)
        active.insert(t.id);
      if (t.state == TicketState::serving || t.state == TicketState::done)
        expect(t.started_at.has_value(), "served without a start time");
      expect(t.recall_count <= q.config().max_recalls, "recalled past the limit");
      expect(t.issued_at.day == q.day(), "survived its day");
      if (t.transferred_from) {
        const auto from = by_id.find(*t.transferred_from);
        if (from == by_id.end()) {
          expect(false, "transferred_from names no ticket of today");
          continue;
        }
        expect(from->second->state == TicketState::transferred,
               "its origin is not transferred");
        expect(from->second->transferred_to == t.id, "its origin links elsewhere");
        expect(from->second->number == t.number, "a transfer changed the number");
      } else {
        expect(originals.insert({t.issued_service, t.sequence}).second,
               "number issued twice today");
        ++originals_per_service[t.issued_service];
      }
      if (t.state == TicketState::transferred) {
        expect(t.transferred_to && by_id.count(*t.transferred_to) == 1,
               "transferred without a link to its continuation");
      }
    }
    // People ahead, recounted from the tickets: the engine keeps its lines
    // incrementally and must agree with a full scan.
    for (const QueueTicket &t : tickets) {
      if (t.state != TicketState::waiting)
        continue;
      ticket = &t;
      int same_ahead = 0, other_class = 0;
      for (const QueueTicket &o : tickets) {
        if (o.state != TicketState::waiting || o.service_id != t.service_id ||
            o.id == t.id)
          continue;
        if (o.is_priority() != t.is_priority())
          ++other_class;
        else if (std::pair(o.queued_at.second_of_day, o.id) <
                 std::pair(t.queued_at.second_of_day, t.id))
          ++same_ahead;
      }
      const auto wait = q.estimated_wait(t.id);
      expect(wait.has_value() &&
                 wait->people_ahead == people_ahead(q.config().policy, t.is_priority(),
                                                    same_ahead, other_class),
             "people ahead disagree with a recount");
    }
    ticket = nullptr;
    subject = "counts";
    for (const ServiceCount &c : q.counts())
      expect(c.waiting == waiting[c.service_id], "a waiting count is off");
    for (auto &[service, n] : originals_per_service)
      expect(n <= 40, "issued past the daily cap");
    // Each called or serving ticket belongs to exactly one counter, and back.
    std::set<TicketId> held;
    for (const Counter &c : q.counters()) {
      if (!c.current)
        continue;
      subject = "counter " + c.id;
      expect(held.insert(*c.current).second, "shares its ticket with another counter");
      const auto t = by_id.find(*c.current);
      if (t == by_id.end()) {
        expect(false, "counter holds a ticket that does not exist");
        continue;
      }
      expect(t->second->counter_id == c.id, "holds a ticket called elsewhere");
    }
    expect(held == active, "a called or serving ticket has no counter");
  }
};

void run(unsigned seed, int steps) {
  CAPTURE(seed);
  std::mt19937 rng(seed);
  auto roll = [&](int n) {
    return int(std::uniform_int_distribution<int>(0, n - 1)(rng));
  };

  ServiceRules a = service("A", 40);
  ServiceRules b = service("B", 40);
  b.windows = default_issuing_windows();
  ServiceRules c = service("C", 40);
  c.first_number = 500;
  QueueConfig config;
  config.policy =
      seed % 2 ? PriorityPolicy::strict() : PriorityPolicy::one_in_n(1 + seed % 3);
  config.recalls_before_no_show = int(seed % 3);
  config.transfer_placement = seed % 4 < 2
                                  ? QueueConfig::TransferPlacement::keep_arrival
                                  : QueueConfig::TransferPlacement::at_transfer_time;
  auto q = engine({a, b, c}, config);
  const std::vector<std::string> services{"A", "B", "C"};
  const std::vector<std::string> counters{"1", "2", "3"};
  const std::vector<std::string> groups{"", "", "", "elderly", "disabled"};

  Checker checker;
  int day = 0;
  int second = 7 * 3600;
  auto now = [&] { return at(0, 0, second, day); };
  std::vector<SequenceBlock> leases;

  auto apply = [&](const auto &result) {
    if (result.has_value()) {
      if constexpr (requires { result->events; })
        checker.take(result->events);
      else
        checker.take(*result);
    }
  };
  apply(q.add_counter("1", {"A"}, now()));
  apply(q.add_counter("2", {"A", "B"}, now()));
  apply(q.add_counter("3", {"C", "B"}, now()));

  for (int step = 0; step < steps; ++step) {
    CAPTURE(step);
    second += roll(90);
    if (second >= 86400 || roll(400) == 0) {
      ++day;
      second = 6 * 3600 + roll(4 * 3600);
      leases.clear();
    }
    const std::string &counter = counters[roll(3)];
    const int op = roll(100);
    if (op < 22) {
      apply(q.issue(services[roll(3)], groups[roll(5)], now()));
    } else if (op < 44) {
      // The ticket a full scan says is next: FIFO per class over the counter's
      // services, the class chosen by the policy. A new day ends first, so
      // the scan sees the day the call happens on.
      apply(q.advance_to(now()));
      std::optional<TicketId> expected;
      if (const Counter *c = q.find_counter(counter); c && c->open && !c->current) {
        const QueueTicket *first[2] = {nullptr, nullptr};
        const std::vector<QueueTicket> tickets = q.tickets();
        for (const QueueTicket &t : tickets) {
          if (t.state != TicketState::waiting ||
              std::find(c->services.begin(), c->services.end(), t.service_id) ==
                  c->services.end())
            continue;
          const QueueTicket *&f = first[t.is_priority()];
          if (!f || std::pair(t.queued_at.second_of_day, t.id) <
                        std::pair(f->queued_at.second_of_day, f->id))
            f = &t;
        }
        if (first[0] || first[1])
          expected = first[call_priority_next(config.policy, c->normals_since_priority,
                                              first[1] != nullptr, first[0] != nullptr)]
                         ->id;
      }
      auto called = q.call_next(counter, now());
      REQUIRE(called.has_value() == expected.has_value());
      if (called)
        REQUIRE(called->ticket.id == *expected);
      apply(called);
    } else if (op < 52) {
      apply(q.recall(counter, now()));
    } else if (op < 64) {
      apply(q.start(counter, now()));
    } else if (op < 78) {
      apply(q.done(counter, now()));
    } else if (op < 84) {
      apply(q.no_show(counter, now()));
    } else if (op < 88) {
      apply(q.transfer(counter, services[roll(3)], now()));
    } else if (op < 92) {
      if (roll(4))
        apply(q.open_counter(counter, now()));
      else
        apply(q.close_counter(counter, now()));
    } else if (op < 95) {
      apply(q.login_officer(counter, roll(2) ? "lan" : "", now()));
    } else if (op < 96) {
      auto block = q.lease_block(services[roll(3)], 1 + roll(5), now());
      if (block)
        leases.push_back(*block);
    } else if (!leases.empty()) {
      const SequenceBlock &block = leases[roll(int(leases.size()))];
      StationTime issued = now();
      issued.second_of_day = std::max(0, issued.second_of_day - roll(600));
      apply(q.insert_offline({block.service_id,
                              block.first + roll(block.last - block.first + 1),
                              groups[roll(5)], issued},
                             now()));
    }
    checker.check(q);
    REQUIRE_MESSAGE(checker.problem.empty(), checker.problem);
  }
  apply(q.advance_to(at(7, 0, 0, day + 1)));
  REQUIRE_MESSAGE(checker.problem.empty(), checker.problem);
  REQUIRE(q.tickets().empty());
}

} // namespace

TEST_CASE("random action sequences keep the queue's invariants") {
  if (const char *fixed = std::getenv("MOTCUA_QUEUE_SEED")) {
    run(unsigned(std::strtoul(fixed, nullptr, 10)), 20000);
    return;
  }
  for (unsigned seed = 1; seed <= 6; ++seed)
    run(seed, 2000);
}
