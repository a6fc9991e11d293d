#include "net/journal/outbox_policy.hpp"
#include "net/journal/rating_outbox.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace motcua;
using namespace motcua::net;
using namespace std::chrono_literals;

TEST_CASE("backoff doubles from the initial delay up to the cap") {
  const BackoffPolicy p{500ms, 8000ms};
  // u = 1 approaches the full delay; u = 0 is half of it.
  CHECK(backoff_delay(p, 1, 0.999999) == 499ms);
  CHECK(backoff_delay(p, 2, 0.999999) == 999ms);
  CHECK(backoff_delay(p, 3, 0.999999) == 1999ms);
  CHECK(backoff_delay(p, 5, 0.999999) == 7999ms);
  CHECK(backoff_delay(p, 6, 0.999999) == 7999ms);
  CHECK(backoff_delay(p, 60, 0.999999) == 7999ms); // no overflow after many failures
  CHECK(backoff_delay(p, 1, 0.0) == 250ms);
  CHECK(backoff_delay(p, 60, 0.0) == 4000ms);
}

TEST_CASE("jitter spreads the delay over its upper half") {
  const BackoffPolicy p{1000ms, 30000ms};
  CHECK(backoff_delay(p, 1, 0.5) == 750ms);
  for (double u : {0.0, 0.1, 0.37, 0.5, 0.9, 0.99}) {
    CAPTURE(u);
    const auto d = backoff_delay(p, 4, u);
    CHECK(d >= 4000ms);
    CHECK(d < 8000ms);
  }
  CHECK(backoff_delay(p, 4, 0.2) < backoff_delay(p, 4, 0.8));
}

TEST_CASE("the schedule holds sends back until the retry time and resets on success") {
  OutboxSchedule s(BackoffPolicy{1000ms, 4000ms});
  const auto t0 = OutboxClock::time_point{} + 100s;
  CHECK(s.may_send(t0));
  CHECK_FALSE(s.retry_at());
  s.on_failure(t0, 0.0);
  CHECK(s.failures_in_a_row() == 1);
  CHECK(s.retry_at() == t0 + 500ms);
  CHECK_FALSE(s.may_send(t0 + 499ms));
  s.on_failure(t0 + 10ms, 0.0); // the window's other sends failing too count once
  CHECK(s.failures_in_a_row() == 1);
  CHECK(s.may_send(t0 + 500ms));
  s.on_failure(t0 + 500ms, 0.0);
  CHECK(s.failures_in_a_row() == 2);
  CHECK(s.retry_at() == t0 + 1500ms);
  s.on_success();
  CHECK(s.may_send(t0 + 501ms));
  CHECK_FALSE(s.retry_at());
}

TEST_CASE("pick_to_send fills the window in order and skips what is in flight") {
  const std::vector<std::string> unsent{"a", "b", "c", "d", "e"};
  CHECK(pick_to_send(unsent, {}, 2) == std::vector<std::string>{"a", "b"});
  CHECK(pick_to_send(unsent, {"a"}, 3) == std::vector<std::string>{"b", "c"});
  CHECK(pick_to_send(unsent, {"a", "b", "c"}, 3).empty());
  CHECK(pick_to_send({}, {}, 3).empty());
}

TEST_CASE("answers are classified as acknowledged, retry or rejected") {
  CHECK(classify_answer(true, true, 201) == Delivery::acknowledged);
  CHECK(classify_answer(true, true, 200) == Delivery::acknowledged);
  CHECK(classify_answer(false, false, 0) == Delivery::retry);
  CHECK(classify_answer(false, true, 500) == Delivery::retry);
  CHECK(classify_answer(false, true, 503) == Delivery::retry);
  CHECK(classify_answer(false, true, 401) == Delivery::retry);
  CHECK(classify_answer(false, true, 429) == Delivery::retry);
  CHECK(classify_answer(false, true, 409) == Delivery::rejected);
  CHECK(classify_answer(false, true, 400) == Delivery::rejected);
}

namespace {

std::string fresh_journal(const std::string &name) {
  const std::string dir = std::string(MOTCUA_BINARY_DIR) + "/test-output/outbox/" + name;
  std::filesystem::remove_all(dir);
  return dir + "/journal.db";
}

// A valid UUID per small number: the protocol accepts nothing else.
std::string U(int n) {
  std::string tail = std::to_string(n);
  return "00000000-0000-4000-8000-" + std::string(12 - tail.size(), '0') + tail;
}

Rating rating(const std::string &id) {
  Rating r;
  r.id = id;
  r.level = "satisfied";
  r.rated_at = "2026-11-28T08:15:03+07:00";
  return r;
}

// Records each send; the test answers them when it wants, as the station would.
struct FakeSender {
  struct Call {
    Rating rating;
    SendDone done;
  };
  std::vector<Call> calls;
  int wakes = 0;
  RatingSender sender() {
    return [this](const Rating &r, SendDone done) {
      calls.push_back({r, std::move(done)});
    };
  }
};

struct Fixture {
  std::unique_ptr<Journal> journal;
  FakeSender fake;
  std::vector<std::string> log;
  std::unique_ptr<RatingOutbox> outbox;
  OutboxClock::time_point now = OutboxClock::time_point{} + 1000s;
  std::int64_t wall = 1'700'000'000'000;

  explicit Fixture(const std::string &name, std::size_t window = 2) {
    auto j = Journal::open(fresh_journal(name));
    REQUIRE(j.has_value());
    journal = std::move(j.value());
    OutboxOptions options;
    options.backoff = {1000ms, 8000ms};
    options.window = window;
    options.retention = 24h;
    outbox = std::make_unique<RatingOutbox>(
        *journal, fake.sender(), [this] { ++fake.wakes; }, [] { return 0.0; },
        [this](const std::string &line) { log.push_back(line); }, options);
  }
  void add(const std::string &id) {
    REQUIRE_FALSE(journal->add_rating(rating(id), wall));
    outbox->notify_added();
  }
  std::int64_t unsent() { return journal->counts()->unsent_ratings; }
};

SendResult ack() { return {true, true, 201, "stored"}; }
SendResult unreachable() { return {false, false, 0, "connection refused"}; }

} // namespace

TEST_CASE(
    "the outbox sends journaled ratings and marks them sent only on acknowledgement") {
  Fixture f("ack");
  f.add(U(1));
  f.outbox->pump(f.now, f.wall);
  REQUIRE(f.fake.calls.size() == 1);
  CHECK(f.fake.calls[0].rating.id == U(1));
  CHECK(f.outbox->in_flight() == 1);
  f.outbox->pump(f.now, f.wall); // no answer yet: no second send, still unsent
  CHECK(f.fake.calls.size() == 1);
  CHECK(f.unsent() == 1);

  f.fake.calls[0].done(ack());
  CHECK(f.fake.wakes == 1);
  CHECK(f.unsent() == 1); // settled on the owner's pump, not on the sender's thread
  f.outbox->pump(f.now, f.wall);
  CHECK(f.unsent() == 0);
  CHECK(f.journal->counts()->sent_ratings == 1);
  CHECK(f.outbox->stats().acknowledged == 1);
  f.outbox->pump(f.now, f.wall);
  CHECK(f.fake.calls.size() == 1);
  CHECK_FALSE(f.outbox->next_wake());
}

TEST_CASE("the outbox keeps at most its window in flight, oldest first") {
  Fixture f("window", 2);
  for (int id = 1; id <= 5; ++id)
    f.add(U(id));
  f.outbox->pump(f.now, f.wall);
  REQUIRE(f.fake.calls.size() == 2);
  CHECK(f.fake.calls[0].rating.id == U(1));
  CHECK(f.fake.calls[1].rating.id == U(2));
  f.fake.calls[1].done(ack());
  f.outbox->pump(f.now, f.wall);
  REQUIRE(f.fake.calls.size() == 3);
  CHECK(f.fake.calls[2].rating.id == U(3));
  for (std::size_t i = 0; i < f.fake.calls.size(); ++i) {
    if (i == 1)
      continue;
    f.fake.calls[i].done(ack());
  }
  // Drain: answer whatever comes until nothing is left.
  for (int rounds = 0; rounds < 10 && f.unsent() > 0; ++rounds) {
    const auto before = f.fake.calls.size();
    f.outbox->pump(f.now, f.wall);
    for (auto i = before; i < f.fake.calls.size(); ++i)
      f.fake.calls[i].done(ack());
  }
  f.outbox->pump(f.now, f.wall);
  CHECK(f.unsent() == 0);
  // Each rating went exactly once: no failure, no resend.
  std::set<std::string> ids;
  for (const auto &c : f.fake.calls)
    ids.insert(c.rating.id);
  CHECK(ids.size() == 5);
  CHECK(f.fake.calls.size() == 5);
}

TEST_CASE("an unreachable station is retried with backoff and the same UUID") {
  Fixture f("retry", 1);
  f.add(U(1));
  f.outbox->pump(f.now, f.wall);
  REQUIRE(f.fake.calls.size() == 1);
  f.fake.calls[0].done(unreachable());
  f.outbox->pump(f.now, f.wall);
  CHECK(f.unsent() == 1);
  REQUIRE(f.outbox->next_wake());
  CHECK(*f.outbox->next_wake() == f.now + 500ms); // 1 s halved by u = 0
  f.outbox->pump(f.now + 499ms, f.wall);
  CHECK(f.fake.calls.size() == 1); // not before its time

  f.outbox->pump(f.now + 500ms, f.wall);
  REQUIRE(f.fake.calls.size() == 2);
  CHECK(f.fake.calls[1].rating.id == U(1));
  f.fake.calls[1].done(unreachable());
  f.outbox->pump(f.now + 500ms, f.wall);
  CHECK(*f.outbox->next_wake() == f.now + 500ms + 1000ms);
  CHECK(f.outbox->schedule().failures_in_a_row() == 2);

  f.outbox->pump(f.now + 1500ms, f.wall);
  REQUIRE(f.fake.calls.size() == 3);
  f.fake.calls[2].done(ack());
  f.outbox->pump(f.now + 1500ms, f.wall);
  CHECK(f.unsent() == 0);
  CHECK(f.outbox->schedule().failures_in_a_row() == 0);
  CHECK(f.outbox->stats().failed_attempts == 2);
}

TEST_CASE("a rating the station refuses for good is kept, flagged and not resent") {
  Fixture f("rejected", 1);
  f.add(U(1));
  f.add(U(2));
  f.outbox->pump(f.now, f.wall);
  REQUIRE(f.fake.calls.size() == 1);
  f.fake.calls[0].done(SendResult{false, true, 409, "ticket A015 was already rated"});
  f.outbox->pump(f.now, f.wall);
  REQUIRE(f.fake.calls.size() == 2);
  CHECK(f.fake.calls[1].rating.id == U(2));
  CHECK(f.journal->counts()->rejected_ratings == 1);
  CHECK(f.outbox->schedule().failures_in_a_row() == 0);
}

TEST_CASE("an answer after the outbox is gone is dropped and the rating stays unsent") {
  auto path = fresh_journal("gone");
  SendDone late;
  {
    auto j = Journal::open(path);
    REQUIRE(j.has_value());
    RatingOutbox outbox(
        **j, [&](const Rating &, SendDone done) { late = std::move(done); }, [] {},
        [] { return 0.5; }, [](const std::string &) {});
    REQUIRE_FALSE((*j)->add_rating(rating(U(1)), 1));
    outbox.pump(OutboxClock::time_point{}, 1);
    REQUIRE(late);
  }
  late(ack()); // the kiosk shut down meanwhile: nothing to crash on
  auto j = Journal::open(path);
  REQUIRE(j.has_value());
  CHECK((*j)->counts()->unsent_ratings == 1); // it will go again, once, by UUID
}

TEST_CASE("settled ratings older than the retention are pruned on pump") {
  Fixture f("prune", 1);
  f.add(U(1));
  f.outbox->pump(f.now, f.wall);
  f.fake.calls[0].done(ack());
  f.outbox->pump(f.now, f.wall);
  CHECK(f.journal->counts()->sent_ratings == 1);
  // An hour later (prune_every) and past the 24 h retention.
  f.outbox->pump(f.now + 1h, f.wall + 25LL * 3600 * 1000);
  CHECK(f.journal->counts()->sent_ratings == 0);
  CHECK(f.outbox->stats().pruned == 1);
}
