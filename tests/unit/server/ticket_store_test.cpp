#include "server/storage/ticket_store.hpp"
#include "tests/unit/server/test_support.hpp"

#include <doctest/doctest.h>

#include <sqlite3.h>

#include <fstream>
#include <set>
#include <string>

using namespace motcua::station;

namespace {

struct Fixture {
  test::TempDir dir;
  motcua::Catalog catalog = test::small_catalog();

  std::unique_ptr<TicketStore> open() {
    auto store = open_sqlite_ticket_store(dir.path() / "data");
    REQUIRE_MESSAGE(store.has_value(), (store ? "" : store.error().message));
    return std::move(store).value();
  }

  IssueRequest request(const std::string &service, const std::string &day,
                       const std::string &key = {}) const {
    return IssueRequest{catalog.find_service(service), std::nullopt, key, day,
                        day + "T08:00:00+07:00"};
  }
};

IssuedTicket issue_ok(TicketStore &store, const IssueRequest &request) {
  auto issued = store.issue(request);
  REQUIRE_MESSAGE(issued.has_value(), (issued ? "" : issued.error().message));
  return std::move(issued).value();
}

std::string pragma(const std::filesystem::path &db_path, const char *sql) {
  sqlite3 *db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
          SQLITE_OK);
  sqlite3_stmt *stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK);
  std::string out;
  if (sqlite3_step(stmt) == SQLITE_ROW)
    out = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

} // namespace

TEST_CASE("each service has its own sequence and number format") {
  Fixture f;
  auto store = f.open();
  auto a1 = issue_ok(*store, f.request("A", "2026-11-28"));
  auto a2 = issue_ok(*store, f.request("A", "2026-11-28"));
  auto b1 = issue_ok(*store, f.request("B", "2026-11-28"));
  auto c1 = issue_ok(*store, f.request("C", "2026-11-28"));
  CHECK(a1.ticket.number == "A001");
  CHECK(a2.ticket.number == "A002");
  CHECK(a2.ticket.sequence == 2);
  CHECK(b1.ticket.number == "B001");
  CHECK(c1.ticket.number == "K001"); // the prefix, not the id
  CHECK(c1.ticket.service_id == "C");
  CHECK(a2.ticket.day == "2026-11-28");
  CHECK(a2.ticket.issued_at == "2026-11-28T08:00:00+07:00");
  CHECK_FALSE(a2.replayed);
}

TEST_CASE("sequences restart on a new day") {
  Fixture f;
  auto store = f.open();
  issue_ok(*store, f.request("A", "2026-11-27"));
  issue_ok(*store, f.request("A", "2026-11-27"));
  auto next_day = issue_ok(*store, f.request("A", "2026-11-28"));
  CHECK(next_day.ticket.number == "A001");
  CHECK(next_day.ticket.people_ahead == 0); // yesterday's queue does not count
}

TEST_CASE("people ahead counts earlier waiting tickets of the same service and day") {
  Fixture f;
  auto store = f.open();
  CHECK(issue_ok(*store, f.request("A", "2026-11-28")).ticket.people_ahead == 0);
  CHECK(issue_ok(*store, f.request("B", "2026-11-28")).ticket.people_ahead == 0);
  CHECK(issue_ok(*store, f.request("A", "2026-11-28")).ticket.people_ahead == 1);
  CHECK(issue_ok(*store, f.request("A", "2026-11-28")).ticket.people_ahead == 2);
  CHECK(issue_ok(*store, f.request("B", "2026-11-28")).ticket.people_ahead == 1);
}

TEST_CASE("the same idempotency key returns the stored ticket, flagged as replayed") {
  Fixture f;
  auto store = f.open();
  auto first = issue_ok(*store, f.request("A", "2026-11-28", "kiosk-1/0001"));
  issue_ok(*store, f.request("A", "2026-11-28", "kiosk-1/0002"));
  auto again = issue_ok(*store, f.request("A", "2026-11-28", "kiosk-1/0001"));
  CHECK(again.replayed);
  CHECK(again.ticket.number == first.ticket.number);
  CHECK(again.ticket.issued_at == first.ticket.issued_at);
  CHECK(again.ticket.people_ahead == 0);
  // The replay consumed no number.
  CHECK(issue_ok(*store, f.request("A", "2026-11-28")).ticket.number == "A003");
}

TEST_CASE("a replayed key keeps its day even when asked on a later day") {
  Fixture f;
  auto store = f.open();
  issue_ok(*store, f.request("A", "2026-11-27", "k"));
  auto again = issue_ok(*store, f.request("A", "2026-11-28", "k"));
  CHECK(again.replayed);
  CHECK(again.ticket.day == "2026-11-27");
}

TEST_CASE("an idempotency key reused for another service is a conflict") {
  Fixture f;
  auto store = f.open();
  issue_ok(*store, f.request("A", "2026-11-28", "k"));
  auto other = store->issue(f.request("B", "2026-11-28", "k"));
  REQUIRE_FALSE(other.has_value());
  CHECK(other.error().code == StoreError::Code::idempotency_conflict);
  auto request = f.request("A", "2026-11-28", "k");
  request.priority_group = "elderly";
  auto different_group = store->issue(request);
  REQUIRE_FALSE(different_group.has_value());
  CHECK(different_group.error().code == StoreError::Code::idempotency_conflict);
}

TEST_CASE("the daily cap is enforced per service and day, and replays still work") {
  Fixture f;
  auto store = f.open();
  for (int i = 1; i <= 3; ++i)
    issue_ok(*store, f.request("B", "2026-11-28", "b" + std::to_string(i)));
  auto refused = store->issue(f.request("B", "2026-11-28", "b4"));
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == StoreError::Code::daily_cap_reached);
  CHECK(std::string(to_string(refused.error().code)) == "daily_cap_reached");
  CHECK(issue_ok(*store, f.request("B", "2026-11-28", "b3")).replayed);
  CHECK(issue_ok(*store, f.request("A", "2026-11-28")).ticket.number == "A001");
  CHECK(issue_ok(*store, f.request("B", "2026-11-29")).ticket.number == "B001");
}

TEST_CASE("numbers are not reused after the database is closed and reopened") {
  Fixture f;
  std::set<std::string> numbers;
  {
    auto store = f.open();
    numbers.insert(issue_ok(*store, f.request("A", "2026-11-28", "k1")).ticket.number);
    numbers.insert(issue_ok(*store, f.request("A", "2026-11-28", "k2")).ticket.number);
  }
  auto store = f.open();
  auto third = issue_ok(*store, f.request("A", "2026-11-28", "k3"));
  CHECK(third.ticket.number == "A003");
  CHECK(numbers.count(third.ticket.number) == 0);
  auto replay = issue_ok(*store, f.request("A", "2026-11-28", "k1"));
  CHECK(replay.replayed);
  CHECK(replay.ticket.number == "A001");
}

TEST_CASE("the database is created in WAL mode with a numbered schema") {
  Fixture f;
  auto store = f.open();
  issue_ok(*store, f.request("A", "2026-11-28"));
  const auto db = f.dir.path() / "data" / "station.db";
  REQUIRE(std::filesystem::exists(db));
  CHECK(pragma(db, "PRAGMA journal_mode") == "wal");
  CHECK(pragma(db, "PRAGMA user_version") == std::to_string(kTicketStoreSchemaVersion));
  CHECK(pragma(db, "SELECT number FROM tickets WHERE day = '2026-11-28' AND "
                   "service_id = 'A' AND sequence = 1") == "A001");
  CHECK(pragma(db, "SELECT status FROM tickets") == "waiting");
}

TEST_CASE("a database from a newer station version is refused") {
  Fixture f;
  f.open().reset();
  {
    sqlite3 *db = nullptr;
    const auto path = f.dir.path() / "data" / "station.db";
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr) ==
            SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = open_sqlite_ticket_store(f.dir.path() / "data");
  REQUIRE_FALSE(store.has_value());
  CHECK(store.error().code == StoreError::Code::schema_too_new);
}

TEST_CASE("a data directory that cannot be created is a named error") {
  test::TempDir dir;
  const auto blocker = dir.path() / "file";
  { std::ofstream(blocker) << "not a directory"; }
  auto store = open_sqlite_ticket_store(blocker / "data");
  REQUIRE_FALSE(store.has_value());
  CHECK(store.error().code == StoreError::Code::cannot_open);
}
