#include "net/journal/journal.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

using namespace motcua;
using namespace motcua::net;

namespace {

std::string fresh_path(const std::string &name) {
  const std::string dir = std::string(MOTCUA_BINARY_DIR) + "/test-output/journal/" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir + "/journal.db";
}

Rating rating(const std::string &id, const std::string &level = "satisfied") {
  Rating r;
  r.id = id;
  r.level = level;
  r.rated_at = "2026-11-28T08:15:03+07:00";
  return r;
}

std::unique_ptr<Journal> open_ok(const std::string &path) {
  auto j = Journal::open(path);
  REQUIRE_MESSAGE(j.has_value(), (j ? std::string() : j.error().message));
  return std::move(j.value());
}

void set_user_version(const std::string &path, int version) {
  sqlite3 *db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  const std::string sql = "PRAGMA user_version=" + std::to_string(version);
  REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

std::string pragma(const std::string &path, const char *sql) {
  sqlite3 *db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt *s = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(s) == SQLITE_ROW);
  std::string out = reinterpret_cast<const char *>(sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

} // namespace

TEST_CASE("a new journal is created at the current schema in WAL mode") {
  const auto path = fresh_path("new");
  auto j = open_ok(path);
  CHECK(j->schema_version() == kJournalSchemaVersion);
  auto c = j->counts();
  REQUIRE(c.has_value());
  CHECK(c->unsent_ratings == 0);
  j.reset();
  CHECK(pragma(path, "PRAGMA journal_mode") == "wal");
}

TEST_CASE("ratings survive reopening and come back oldest first with their fields") {
  const auto path = fresh_path("reopen");
  {
    auto j = open_ok(path);
    Rating a = rating("11111111-1111-4111-8111-111111111111", "dissatisfied");
    a.reasons = {"waiting_time", "guidance"};
    a.ticket = "A015";
    CHECK_FALSE(j->add_rating(a, 1000));
    CHECK_FALSE(j->add_rating(rating("22222222-2222-4222-8222-222222222222"), 2000));
  }
  auto j = open_ok(path);
  auto unsent = j->unsent_ratings(10);
  REQUIRE(unsent.has_value());
  REQUIRE(unsent->size() == 2);
  CHECK((*unsent)[0].id == "11111111-1111-4111-8111-111111111111");
  CHECK((*unsent)[0].level == "dissatisfied");
  CHECK((*unsent)[0].reasons == std::vector<std::string>{"waiting_time", "guidance"});
  CHECK((*unsent)[0].ticket == std::optional<std::string>("A015"));
  CHECK((*unsent)[0].rated_at == "2026-11-28T08:15:03+07:00");
  CHECK((*unsent)[1].id == "22222222-2222-4222-8222-222222222222");
}

TEST_CASE("the same rating id is journaled once") {
  auto j = open_ok(fresh_path("dup"));
  CHECK_FALSE(j->add_rating(rating("33333333-3333-4333-8333-333333333333"), 1));
  CHECK_FALSE(
      j->add_rating(rating("33333333-3333-4333-8333-333333333333", "neutral"), 2));
  auto unsent = j->unsent_ratings(10);
  REQUIRE(unsent.has_value());
  REQUIRE(unsent->size() == 1);
  CHECK((*unsent)[0].level == "satisfied");
}

TEST_CASE(
    "sent and rejected ratings are not offered again and are pruned after retention") {
  const auto path = fresh_path("settle");
  auto j = open_ok(path);
  CHECK_FALSE(j->add_rating(rating("44444444-4444-4444-8444-444444444444"), 10));
  CHECK_FALSE(j->add_rating(rating("55555555-5555-4555-8555-555555555555"), 20));
  CHECK_FALSE(j->add_rating(rating("66666666-6666-4666-8666-666666666666"), 30));
  CHECK_FALSE(j->mark_rating_sent("44444444-4444-4444-8444-444444444444", 100));
  CHECK_FALSE(j->mark_rating_rejected("55555555-5555-4555-8555-555555555555",
                                      "ticket_already_rated", 200));
  auto unsent = j->unsent_ratings(10);
  REQUIRE(unsent.has_value());
  REQUIRE(unsent->size() == 1);
  CHECK((*unsent)[0].id == "66666666-6666-4666-8666-666666666666");
  auto c = j->counts();
  REQUIRE(c.has_value());
  CHECK(c->unsent_ratings == 1);
  CHECK(c->sent_ratings == 1);
  CHECK(c->rejected_ratings == 1);

  auto none = j->prune_settled(100); // settled at 100 is not before 100
  REQUIRE(none.has_value());
  CHECK(*none == 0);
  auto one = j->prune_settled(150);
  REQUIRE(one.has_value());
  CHECK(*one == 1);
  auto rest = j->prune_settled(1000);
  REQUIRE(rest.has_value());
  CHECK(*rest == 1);
  c = j->counts();
  CHECK(c->unsent_ratings == 1); // unsent records are never pruned
  CHECK(c->sent_ratings == 0);
}

TEST_CASE("a journal written by a newer schema is refused with a clear error") {
  const auto path = fresh_path("newer");
  {
    auto j = open_ok(path);
    CHECK_FALSE(j->add_rating(rating("77777777-7777-4777-8777-777777777777"), 1));
  }
  set_user_version(path, kJournalSchemaVersion + 1);
  auto j = Journal::open(path);
  REQUIRE_FALSE(j.has_value());
  CHECK(j.error().kind == JournalError::Kind::newer_schema);
  CHECK(j.error().message.find("newer") != std::string::npos);
  CHECK(j.error().message.find(path) != std::string::npos);
}

TEST_CASE("a file that is not a database is reported as corrupt") {
  const auto path = fresh_path("garbage");
  std::ofstream(path, std::ios::binary) << std::string(8192, 'x');
  auto j = Journal::open(path);
  REQUIRE_FALSE(j.has_value());
  CHECK(j.error().kind == JournalError::Kind::corrupt);
  CHECK(j.error().message.find(path) != std::string::npos);
}

TEST_CASE("a truncated journal is reported as corrupt, not silently recreated") {
  const auto path = fresh_path("truncated");
  {
    auto j = open_ok(path);
    for (int i = 0; i < 400; ++i) {
      Rating r = rating("id-" + std::to_string(i));
      r.reasons = {"waiting_time", "officer_attitude", "guidance", "facilities"};
      CHECK_FALSE(j->add_rating(r, i));
    }
  }
  // Fold the WAL into the main file, then cut that file in half.
  sqlite3 *db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr) ==
          SQLITE_OK);
  sqlite3_close(db);
  const auto size = std::filesystem::file_size(path);
  REQUIRE(size > 8192);
  std::filesystem::resize_file(path, size / 2);
  auto j = Journal::open(path);
  REQUIRE_FALSE(j.has_value());
  CHECK(j.error().kind == JournalError::Kind::corrupt);
  CAPTURE(j.error().message);
  CHECK(std::filesystem::file_size(path) == size / 2); // left as found, for a technician
}

TEST_CASE("a page overwritten with garbage fails the integrity check") {
  const auto path = fresh_path("scribbled");
  {
    auto j = open_ok(path);
    for (int i = 0; i < 400; ++i)
      CHECK_FALSE(j->add_rating(rating("id-" + std::to_string(i)), i));
  }
  sqlite3 *db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr) ==
          SQLITE_OK);
  sqlite3_close(db);
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096); // the second page's b-tree header
    const std::string junk(64, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  auto j = Journal::open(path);
  REQUIRE_FALSE(j.has_value());
  CHECK(j.error().kind == JournalError::Kind::corrupt);
}

TEST_CASE("a journal in a folder that cannot be created is reported") {
  const auto base = fresh_path("nofolder");
  std::ofstream(base) << "a file, not a folder";
  auto j = Journal::open(base + "/sub/journal.db");
  REQUIRE_FALSE(j.has_value());
  CHECK(j.error().kind == JournalError::Kind::cannot_open);
}
