#include "server/storage/migrations.hpp"
#include "server/storage/station_store.hpp"
#include "tests/unit/server/test_support.hpp"

#include <doctest/doctest.h>

#include <sqlite3.h>

#include <fstream>
#include <string>

using namespace motcua::station;

namespace {

struct Fixture {
  test::TempDir dir;
  std::unique_ptr<StationStore> open() {
    auto store = open_sqlite_station_store(dir.path() / "data");
    REQUIRE_MESSAGE(store.has_value(), (store ? "" : store.error().message));
    return std::move(store).value();
  }
  std::filesystem::path db() const { return dir.path() / "data" / "station.db"; }
};

std::string pragma(const std::filesystem::path &db_path, const char *sql) {
  sqlite3 *db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
          SQLITE_OK);
  sqlite3_stmt *stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK);
  std::string out;
  if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
    out = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

motcua::Rating rating(std::string id, std::optional<std::string> ticket,
                      std::string level = "satisfied") {
  return motcua::Rating{std::move(id),
                        std::move(level),
                        {"waiting_time"},
                        std::move(ticket),
                        "2026-11-28T09:00:00+07:00"};
}

JournalEntry issue_entry(int second) {
  JournalEntry e;
  e.at = queue::make_station_time(2026, 11, 28, 8, 0, second);
  e.action = "issue";
  e.service_id = "A";
  return e;
}

TicketRecord ticket(int sequence, std::string key = {}) {
  char number[8];
  std::snprintf(number, sizeof number, "A%03d", sequence);
  return TicketRecord{"2026-11-28",  "A",          sequence,
                      number,        std::nullopt, "2026-11-28T08:00:00+07:00",
                      std::move(key)};
}

} // namespace

TEST_CASE("the database is created in WAL mode with the numbered schema") {
  Fixture f;
  auto store = f.open();
  REQUIRE_FALSE(store->append(issue_entry(1), nullptr).has_value());
  CHECK(pragma(f.db(), "PRAGMA journal_mode") == "wal");
  CHECK(pragma(f.db(), "PRAGMA user_version") == std::to_string(kStationSchemaVersion));
  CHECK(pragma(f.db(), "SELECT action FROM queue_journal") == "issue");
}

TEST_CASE("a database from a newer station version is refused") {
  Fixture f;
  f.open().reset();
  {
    sqlite3 *db = nullptr;
    REQUIRE(sqlite3_open(f.db().c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr) ==
            SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = open_sqlite_station_store(f.dir.path() / "data");
  REQUIRE_FALSE(store.has_value());
  CHECK(store.error().code == StoreError::Code::schema_too_new);
}

TEST_CASE("a data directory that cannot be created is a named error") {
  test::TempDir dir;
  const auto blocker = dir.path() / "file";
  { std::ofstream(blocker) << "not a directory"; }
  auto store = open_sqlite_station_store(blocker / "data");
  REQUIRE_FALSE(store.has_value());
  CHECK(store.error().code == StoreError::Code::cannot_open);
}

TEST_CASE("the journal keeps entries in order with their tickets, across a reopen") {
  Fixture f;
  {
    auto store = f.open();
    auto t1 = ticket(1, "k1");
    REQUIRE_FALSE(store->append(issue_entry(1), &t1).has_value());
    auto t2 = ticket(2);
    REQUIRE_FALSE(store->append(issue_entry(2), &t2).has_value());
    // A number already stored is refused, and the entry is not journaled.
    auto again = ticket(2);
    auto conflict = store->append(issue_entry(3), &again);
    REQUIRE(conflict.has_value());
    CHECK(conflict->code == StoreError::Code::conflict);
  }
  auto store = f.open();
  auto entries = store->load_journal("2026-11-28");
  REQUIRE(entries.has_value());
  REQUIRE(entries->size() == 2);
  CHECK(entries->at(0).at.second_of_day < entries->at(1).at.second_of_day);
  auto found = store->find_ticket_by_key("k1");
  REQUIRE(found.has_value());
  REQUIRE(found->has_value());
  CHECK((*found)->number == "A001");
  CHECK(store->load_journal("2026-11-29")->empty());
}

TEST_CASE("counter set-up from earlier days is replayed and their tickets are not") {
  Fixture f;
  auto store = f.open();
  JournalEntry add;
  add.at = queue::make_station_time(2026, 11, 27, 8, 0);
  add.action = "add_counter";
  add.counter_id = "Q1";
  add.text = "A";
  REQUIRE_FALSE(store->append(add, nullptr).has_value());
  auto old_issue = issue_entry(0);
  old_issue.at = queue::make_station_time(2026, 11, 27, 9, 0);
  REQUIRE_FALSE(store->append(old_issue, nullptr).has_value());
  auto entries = store->load_journal("2026-11-28");
  REQUIRE(entries.has_value());
  REQUIRE(entries->size() == 1);
  CHECK(entries->front().action == "add_counter");
}

TEST_CASE("a rating is stored once per UUID and once per linked ticket") {
  Fixture f;
  auto store = f.open();
  auto t = ticket(15);
  REQUIRE_FALSE(store->append(issue_entry(1), &t).has_value());

  auto first = store->store_rating(rating("11111111-1111-4111-8111-111111111111", "A015"),
                                   "kiosk-1", "2026-11-28T09:00:01+07:00");
  REQUIRE(first.has_value());
  CHECK_FALSE(first->replayed);
  CHECK(first->linked);

  auto replay =
      store->store_rating(rating("11111111-1111-4111-8111-111111111111", "A015"),
                          "kiosk-1", "2026-11-28T09:00:05+07:00");
  REQUIRE(replay.has_value());
  CHECK(replay->replayed);

  auto other = store->store_rating(
      rating("22222222-2222-4222-8222-222222222222", "A015", "neutral"), "kiosk-2",
      "2026-11-28T09:01:00+07:00");
  REQUIRE_FALSE(other.has_value());
  CHECK(other.error().code == StoreError::Code::conflict);

  // A number no ticket had that day is kept, unlinked; twice is fine.
  for (auto id :
       {"33333333-3333-4333-8333-333333333333", "44444444-4444-4444-8444-444444444444"}) {
    auto unknown =
        store->store_rating(rating(id, "B999"), "kiosk-1", "2026-11-28T09:02:00+07:00");
    REQUIRE(unknown.has_value());
    CHECK_FALSE(unknown->linked);
  }
  CHECK(pragma(f.db(), "SELECT COUNT(*) FROM ratings") == "3");
}

TEST_CASE("an enrollment code enrolls one kiosk, once, before it expires") {
  Fixture f;
  auto store = f.open();
  REQUIRE_FALSE(store->add_enrollment_code("hash-1", "admin", 1000).has_value());
  KioskRecord k{"kiosk-a", "Sảnh", "token-hash-a", "2026-11-28T08:00:00+07:00", {}, {}};
  CHECK_FALSE(store->enroll_kiosk("hash-1", 999, k).has_value());
  KioskRecord k2{"kiosk-b", "Sảnh 2", "token-hash-b", "2026-11-28T08:00:00+07:00",
                 {},        {}};
  auto used = store->enroll_kiosk("hash-1", 999, k2);
  REQUIRE(used.has_value());
  CHECK(used->code == StoreError::Code::not_found);
  REQUIRE_FALSE(store->add_enrollment_code("hash-2", "admin", 1000).has_value());
  auto expired = store->enroll_kiosk("hash-2", 1000, k2);
  REQUIRE(expired.has_value());
  CHECK(expired->code == StoreError::Code::not_found);
  auto found = store->find_kiosk_by_token("token-hash-a");
  REQUIRE(found.has_value());
  REQUIRE(found->has_value());
  CHECK((*found)->id == "kiosk-a");
  CHECK(store->kiosks()->size() == 1);
}
