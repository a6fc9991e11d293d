// Leased blocks and offline tickets in the kiosk journal, the ticket and
// withdrawal outboxes and the lease keeper, with fake senders: real SQLite files, no
// network, no clock reads.
#include "net/journal/journal.hpp"
#include "net/journal/lease_keeper.hpp"
#include "net/journal/ticket_outbox.hpp"
#include "net/journal/withdrawal_outbox.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <set>

using namespace motcua;
using namespace motcua::net;
using namespace std::chrono_literals;

namespace {

std::string fresh_path(const std::string &name) {
  const std::string dir =
      std::string(MOTCUA_BINARY_DIR) + "/test-output/offline-journal/" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir + "/journal.db";
}

std::unique_ptr<Journal> open_ok(const std::string &path) {
  auto j = Journal::open(path);
  REQUIRE_MESSAGE(j.has_value(), (j ? std::string() : j.error().message));
  return std::move(j.value());
}

std::string U(int n) {
  std::string tail = std::to_string(n);
  return "00000000-0000-4000-8000-" + std::string(12 - tail.size(), '0') + tail;
}

OfflineTicketUpload tap(int n, std::string service = "A") {
  return OfflineTicketUpload{U(n), std::move(service), 0, std::nullopt,
                             "2026-11-28T08:15:0" + std::to_string(n % 10) + "+07:00"};
}

constexpr const char *kDay = "2026-11-28";

// Issues from the lease and returns the printed number, or "" when none is left.
std::string issue(Journal &j, int n, std::string service = "A") {
  auto r =
      j.issue_from_lease(kDay, service == "A" ? "A" : "K", tap(n, service), 1000 + n);
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
  return *r ? (*r)->number : "";
}

} // namespace

TEST_CASE("a journal of schema 1 is migrated to leases and offline tickets") {
  const auto path = fresh_path("migrate");
  {
    // Schema 1 as shipped: only the ratings table.
    sqlite3 *db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db,
                         "CREATE TABLE ratings (id TEXT PRIMARY KEY, body TEXT NOT NULL, "
                         "created_ms INTEGER NOT NULL, settled_ms INTEGER, state TEXT "
                         "NOT NULL DEFAULT 'unsent', note TEXT); PRAGMA user_version=1;",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  auto j = open_ok(path);
  CHECK(j->schema_version() == kJournalSchemaVersion);
  REQUIRE_FALSE(j->add_lease({"A", kDay, 1, 2}, 0));
  CHECK(issue(*j, 1) == "A001");
}

TEST_CASE("the cached catalog survives reopening, the newest kept") {
  const auto path = fresh_path("cache");
  {
    auto j = open_ok(path);
    CHECK_FALSE(j->cached("catalog").value().has_value());
    REQUIRE_FALSE(j->put_cached("catalog", R"({"v":1})", 1));
    REQUIRE_FALSE(j->put_cached("catalog", R"({"v":2})", 2));
  }
  auto j = open_ok(path);
  auto value = j->cached("catalog");
  REQUIRE(value.has_value());
  CHECK(*value == std::optional<std::string>(R"({"v":2})"));
}

TEST_CASE("numbers come from the leased blocks in order, each once, then none") {
  const auto path = fresh_path("blocks");
  {
    auto j = open_ok(path);
    CHECK(issue(*j, 1).empty()); // no lease: no number is invented
    // The station cuts blocks from the top down: the first one is the highest.
    REQUIRE_FALSE(j->add_lease({"A", kDay, 998, 999}, 0));
    REQUIRE_FALSE(j->add_lease({"A", kDay, 995, 996}, 0));
    REQUIRE_FALSE(j->add_lease({"A", kDay, 998, 999}, 0)); // the same block again: once
    REQUIRE_FALSE(j->add_lease({"A", "2026-11-27", 1, 3}, 0)); // yesterday's
    CHECK(j->lease_remaining(kDay)->at("A") == 4);
    CHECK(issue(*j, 1) == "A998");
    CHECK(issue(*j, 2) == "A999");
  }
  // A power cut between taps: the next number is still the next one.
  auto j = open_ok(path);
  CHECK(issue(*j, 3) == "A995");
  CHECK(issue(*j, 4) == "A996");
  CHECK(issue(*j, 5).empty());
  CHECK(j->lease_remaining(kDay)->count("A") == 0);
  CHECK(j->counts()->unsent_tickets == 4);

  auto unsent = j->unsent_tickets(10);
  REQUIRE(unsent.has_value());
  REQUIRE(unsent->size() == 4);
  CHECK((*unsent)[0].upload.id == U(1));
  CHECK((*unsent)[0].upload.sequence == 998);
  CHECK((*unsent)[0].number == "A998");
  CHECK((*unsent)[0].day == kDay);
  CHECK((*unsent)[3].upload.sequence == 996);

  REQUIRE(j->prune_leases(kDay).value() == 1); // yesterday's block only
}

TEST_CASE("the same tap journaled twice keeps one ticket and spends no number") {
  auto j = open_ok(fresh_path("same-id"));
  REQUIRE_FALSE(j->add_lease({"A", kDay, 1, 3}, 0));
  CHECK(issue(*j, 1) == "A001");
  auto again = j->issue_from_lease(kDay, "A", tap(1), 2000);
  CHECK_FALSE(again.has_value()); // the UUID is taken: refused, rolled back
  CHECK(issue(*j, 2) == "A002");  // the number was not consumed by the refusal
  CHECK(j->counts()->unsent_tickets == 2);
}

namespace {

struct FakeUploads {
  struct Call {
    OfflineTicketRecord ticket;
    SendDone done;
  };
  std::vector<Call> calls;
  TicketSender sender() {
    return [this](const OfflineTicketRecord &t, SendDone done) {
      calls.push_back({t, std::move(done)});
    };
  }
};

} // namespace

TEST_CASE("the ticket outbox settles each ticket on its own result") {
  auto j = open_ok(fresh_path("outbox"));
  REQUIRE_FALSE(j->add_lease({"A", kDay, 1, 5}, 0));
  for (int i = 1; i <= 3; ++i)
    REQUIRE_FALSE(issue(*j, i).empty());
  FakeUploads fake;
  int wakes = 0;
  std::vector<std::string> log;
  OutboxOptions options;
  options.backoff = {1000ms, 8000ms};
  options.window = 4;
  TicketOutbox outbox(
      *j, fake.sender(), [&] { ++wakes; }, [] { return 0.0; },
      [&](const std::string &line) { log.push_back(line); }, options);
  const auto t0 = OutboxClock::time_point{} + 100s;
  outbox.pump(t0, 5000);
  REQUIRE(fake.calls.size() == 3);
  CHECK(fake.calls[0].ticket.number == "A001");

  OfflineTicketResult stored{U(1), 201, std::nullopt, std::nullopt};
  OfflineTicketResult before{U(2), 200, std::nullopt, std::nullopt};
  OfflineTicketResult refused{U(3), 409, std::nullopt, ApiError{"not_leased", "no"}};
  fake.calls[0].done(to_send_result(stored));
  fake.calls[1].done(to_send_result(before));
  fake.calls[2].done(to_send_result(refused));
  CHECK(wakes == 3);
  outbox.pump(t0, 6000);
  auto c = j->counts();
  CHECK(c->unsent_tickets == 0);
  CHECK(c->sent_tickets == 2);
  CHECK(c->rejected_tickets == 1); // kept for the technician, never resent
  CHECK(outbox.stats().acknowledged == 2);
  outbox.pump(t0 + 10s, 7000);
  CHECK(fake.calls.size() == 3);

  // A dead station: the same UUID goes again after the backoff.
  REQUIRE_FALSE(issue(*j, 4).empty());
  outbox.notify_added();
  outbox.pump(t0 + 20s, 8000);
  REQUIRE(fake.calls.size() == 4);
  fake.calls[3].done(SendResult{false, false, 0, "connection refused"});
  outbox.pump(t0 + 20s, 8000);
  CHECK(fake.calls.size() == 4);
  REQUIRE(outbox.next_wake().has_value());
  outbox.pump(*outbox.next_wake(), 9000);
  REQUIRE(fake.calls.size() == 5);
  CHECK(fake.calls[4].ticket.upload.id == fake.calls[3].ticket.upload.id);
}

TEST_CASE("withdrawals are journaled once per tap and settled by the station's answer") {
  const auto path = fresh_path("withdrawals");
  {
    // A journal of schema 3 (before withdrawals) gets the table on opening.
    open_ok(path);
    sqlite3 *db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "DROP TABLE withdrawals; PRAGMA user_version=3;", nullptr,
                         nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  auto j = open_ok(path);
  CHECK(j->schema_version() == kJournalSchemaVersion);
  for (const char *key : {"tap-1", "tap-2", "tap-1", "tap-3"})
    REQUIRE_FALSE(j->add_withdrawal(key, 100));
  CHECK(j->unsent_withdrawals(10).value() ==
        std::vector<std::string>{"tap-1", "tap-2", "tap-3"});
  struct Call {
    std::string key;
    SendDone done;
  };
  std::vector<Call> calls;
  OutboxOptions options;
  options.backoff = {1000ms, 8000ms};
  WithdrawalOutbox outbox(
      *j,
      [&](const std::string &key, SendDone done) {
        calls.push_back({key, done});
      },
      [] {}, [] { return 0.0; }, [](const std::string &) {}, options);
  const auto t0 = OutboxClock::time_point{} + 100s;
  outbox.pump(t0, 1000);
  REQUIRE(calls.size() == 3);
  calls[0].done(withdrawal_result(200, {}));          // taken back
  calls[1].done(withdrawal_result(404, "no ticket")); // the station never had it
  calls[2].done(withdrawal_result(0, "unreachable")); // sent again later
  outbox.pump(t0, 2000);
  CHECK(j->unsent_withdrawals(10).value() == std::vector<std::string>{"tap-3"});
  CHECK(outbox.stats().acknowledged == 2);
  REQUIRE(outbox.next_wake().has_value());
  outbox.pump(*outbox.next_wake(), 3000);
  REQUIRE(calls.size() == 4);
  CHECK(calls[3].key == "tap-3");
  // Called already: it stays at the station, kept here for the technician.
  calls[3].done(withdrawal_result(409, "wrong_state: A003 was called already"));
  outbox.pump(*outbox.next_wake(), 4000);
  CHECK(j->unsent_withdrawals(10).value().empty());
  CHECK(outbox.stats().rejected == 1);
  CHECK(j->prune_settled_withdrawals(5000).value() == 3);
}

TEST_CASE("services_to_lease asks for the services short of numbers, in order") {
  const std::vector<std::string> services{"A", "B", "C"};
  CHECK(services_to_lease(services, {}, {}, 4) == services);
  CHECK(services_to_lease(services, {{"A", 4}, {"B", 3}}, {}, 4) ==
        std::vector<std::string>{"B", "C"});
  CHECK(services_to_lease(services, {{"A", 9}}, {"B"}, 4) ==
        std::vector<std::string>{"C"});
}

TEST_CASE("the lease keeper refills blocks while online and backs off when not") {
  auto j = open_ok(fresh_path("keeper"));
  struct Request {
    std::string service;
    int count;
    std::string key;
    LeaseDone done;
  };
  std::vector<Request> requests;
  std::vector<std::string> log;
  LeasePolicy policy;
  policy.block_size = 3;
  policy.refill_below = 2;
  policy.backoff = {1000ms, 8000ms};
  LeaseKeeper keeper(
      *j,
      [&](const std::string &service, int count, const std::string &key, LeaseDone done) {
        requests.push_back({service, count, key, std::move(done)});
      },
      [] {}, [] { return 0.0; }, [&](const std::string &line) { log.push_back(line); },
      policy);
  const auto t0 = OutboxClock::time_point{} + 100s;
  keeper.pump(t0, 0, kDay);
  CHECK(requests.empty()); // no catalog yet
  keeper.set_services({"A", "B"});
  keeper.pump(t0, 0, kDay);
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].service == "A");
  CHECK(requests[0].count == 3);
  keeper.pump(t0, 0, kDay);
  CHECK(requests.size() == 2); // in flight: not asked twice

  requests[0].done(LeaseBlock{"A", kDay, 1, 3});
  requests[1].done(unexpected(SendResult{false, false, 0, "connection refused"}));
  keeper.pump(t0, 0, kDay);
  CHECK(j->lease_remaining(kDay)->at("A") == 3);
  CHECK(requests.size() == 2); // B waits for the backoff
  REQUIRE(keeper.next_wake().has_value());
  const auto retry = *keeper.next_wake();
  keeper.pump(retry, 0, kDay);
  REQUIRE(requests.size() == 3);
  CHECK(requests[2].service == "B");
  // The retry names the same request: a block the station leased for the
  // lost answer comes back instead of a second one.
  CHECK(requests[2].key == requests[1].key);
  CHECK(requests[1].key.size() == 32);
  CHECK(requests[1].key != requests[0].key);
  requests[2].done(LeaseBlock{"B", kDay, 4, 6});
  keeper.pump(retry + 1s, 0, kDay);
  CHECK_FALSE(keeper.next_wake());

  // Two numbers issued leave one: below the threshold, A is asked again.
  REQUIRE_FALSE(issue(*j, 1).empty());
  REQUIRE_FALSE(issue(*j, 2).empty());
  keeper.notify_taken();
  keeper.pump(t0 + 60s, 0, kDay);
  REQUIRE(requests.size() == 4);
  CHECK(requests[3].service == "A");
  CHECK(requests[3].key !=
        requests[0].key); // A's first block was answered: a new request

  requests[3].done(LeaseBlock{"A", kDay, 7, 9});
  keeper.pump(t0 + 61s, 0, kDay);
  CHECK(requests.size() == 4);

  // A new local day: every service is asked again; the station's first block
  // of the new day retires yesterday's.
  keeper.pump(t0 + 62s, 0, "2026-11-29");
  REQUIRE(requests.size() == 6);
  requests[4].done(LeaseBlock{"A", "2026-11-29", 1, 3});
  keeper.pump(t0 + 63s, 0, "2026-11-29");
  CHECK(j->lease_remaining(kDay)->empty());
  CHECK(keeper.day() == "2026-11-29");
}

TEST_CASE("a station in another time zone: its day counts, and nothing is leased twice") {
  auto j = open_ok(fresh_path("keeper-zone"));
  std::vector<std::pair<std::string, LeaseDone>> requests;
  LeasePolicy policy;
  policy.block_size = 3;
  policy.refill_below = 2;
  LeaseKeeper keeper(
      *j,
      [&](const std::string &service, int, const std::string &, LeaseDone done) {
        requests.emplace_back(service, std::move(done));
      },
      [] {}, [] { return 0.0; }, [](const std::string &) {}, policy);
  keeper.set_services({"A"});
  const auto t0 = OutboxClock::time_point{} + 100s;
  // 17:30 UTC on the kiosk is already tomorrow at a station in UTC+7.
  keeper.pump(t0, 0, "2026-11-28");
  REQUIRE(requests.size() == 1);
  requests[0].second(LeaseBlock{"A", "2026-11-29", 1, 3});
  for (int i = 1; i <= 5; ++i)
    keeper.pump(t0 + std::chrono::seconds(i), 0, "2026-11-28");
  CHECK(requests.size() == 1); // the block of the station's day counts
  CHECK(keeper.day() == "2026-11-29");
  CHECK(keeper.remaining().at("A") == 3);
  auto issued = j->issue_from_lease(keeper.day(), "A", tap(1), 0);
  REQUIRE(issued.has_value());
  REQUIRE(issued->has_value());
  CHECK((*issued)->number == "A001");
}

TEST_CASE("the station's day from its offset, whatever the kiosk's zone") {
  CHECK(rfc3339_utc_offset("2026-11-28T08:15:03+07:00") == 25200L);
  CHECK(rfc3339_utc_offset("2026-11-28T08:15:03-05:30") == -19800L);
  CHECK(rfc3339_utc_offset("2026-11-28T01:15:03Z") == 0L);
  CHECK_FALSE(rfc3339_utc_offset("2026-11-28T08:15:03"));
  CHECK_FALSE(rfc3339_utc_offset(""));
  // 17:30 UTC on the 28th is already the 29th in Vietnam.
  const auto at = std::chrono::sys_days{std::chrono::year(2026) / 11 / 28} +
                  std::chrono::hours(17) + std::chrono::minutes(30);
  CHECK(day_at_offset(at, 25200) == "2026-11-29");
  CHECK(day_at_offset(at, 0) == "2026-11-28");
  CHECK(day_at_offset(at, -19800) == "2026-11-28");
}
