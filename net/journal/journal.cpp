#include "net/journal/journal.hpp"

#include <sqlite3.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string_view>

namespace motcua::net {

namespace {

// Migration N (1-based) is kMigrations[N - 1]; each runs in one transaction
// together with its user_version bump. Append only: never edit a shipped one.
constexpr std::array<std::string_view, kJournalSchemaVersion> kMigrations = {
    // 1: ratings waiting for (or settled by) the station's acknowledgement.
    R"(CREATE TABLE ratings (
         id TEXT PRIMARY KEY,
         body TEXT NOT NULL,            -- {"rating":{...}} as sent
         created_ms INTEGER NOT NULL,   -- kiosk wall clock, ms since the epoch
         settled_ms INTEGER,            -- acknowledged or rejected at; NULL: unsent
         state TEXT NOT NULL DEFAULT 'unsent', -- unsent, sent, rejected
         note TEXT);
       CREATE INDEX ratings_unsent ON ratings (created_ms) WHERE settled_ms IS NULL;
       CREATE INDEX ratings_settled ON ratings (settled_ms) WHERE settled_ms IS NOT NULL;)",
    // 2: number blocks leased by the station, and the tickets issued from them
    // while it did not answer, until it stored them.
    R"(CREATE TABLE leases (
         service_id TEXT NOT NULL,
         day TEXT NOT NULL,
         first INTEGER NOT NULL,
         last INTEGER NOT NULL,
         next INTEGER NOT NULL,          -- the next sequence to issue; > last: spent
         received_ms INTEGER NOT NULL,
         PRIMARY KEY (service_id, day, first));
       CREATE TABLE offline_tickets (
         id TEXT PRIMARY KEY,            -- UUID: the idempotency key of the upload
         service_id TEXT NOT NULL,
         day TEXT NOT NULL,
         sequence INTEGER NOT NULL,
         number TEXT NOT NULL,
         priority_group TEXT,
         issued_at TEXT NOT NULL,
         created_ms INTEGER NOT NULL,
         settled_ms INTEGER,
         state TEXT NOT NULL DEFAULT 'unsent', -- unsent, sent, rejected
         note TEXT,
         UNIQUE (day, service_id, sequence)); -- a number is printed once
       CREATE INDEX offline_tickets_unsent ON offline_tickets (created_ms)
         WHERE settled_ms IS NULL;)",
    // 3: the station's last answers worth keeping across a restart (the catalog).
    R"(CREATE TABLE cache (
         key TEXT PRIMARY KEY,
         value TEXT NOT NULL,
         saved_ms INTEGER NOT NULL);)",
    // 4: taps served from a lease while their request to the station was out:
    // the station's ticket for each, if it made one, is withdrawn.
    R"(CREATE TABLE withdrawals (
         id TEXT PRIMARY KEY,            -- the tap's idempotency key
         created_ms INTEGER NOT NULL,
         settled_ms INTEGER,
         state TEXT NOT NULL DEFAULT 'unsent', -- unsent, sent, rejected
         note TEXT);
       CREATE INDEX withdrawals_unsent ON withdrawals (created_ms)
         WHERE settled_ms IS NULL;)",
};

// Finalizes on every path.
struct Stmt {
  sqlite3_stmt *s = nullptr;
  ~Stmt() { sqlite3_finalize(s); }
};

void bind_text(sqlite3_stmt *s, int i, const std::string &v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

std::string column_text(sqlite3_stmt *s, int i) {
  const auto *text = sqlite3_column_text(s, i);
  return text ? reinterpret_cast<const char *>(text) : "";
}

bool is_corruption(int code) {
  const int primary = code & 0xff;
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

} // namespace

JournalError Journal::error(JournalError::Kind kind, const std::string &what) const {
  const int code = sqlite3_extended_errcode(db_);
  if (kind == JournalError::Kind::storage && is_corruption(code))
    kind = JournalError::Kind::corrupt;
  return JournalError{kind, path_ + ": " + what + ": " + sqlite3_errmsg(db_)};
}

std::optional<JournalError> Journal::exec(const char *sql) {
  char *message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) == SQLITE_OK)
    return std::nullopt;
  std::string text = message ? message : sqlite3_errmsg(db_);
  sqlite3_free(message);
  JournalError::Kind kind = is_corruption(sqlite3_extended_errcode(db_))
                                ? JournalError::Kind::corrupt
                                : JournalError::Kind::storage;
  return JournalError{kind, path_ + ": " + text};
}

Result<std::unique_ptr<Journal>, JournalError> Journal::open(const std::string &path) {
  std::error_code fs_error;
  const auto folder = std::filesystem::path(path).parent_path();
  if (!folder.empty())
    std::filesystem::create_directories(folder, fs_error);
  if (fs_error)
    return unexpected(
        JournalError{JournalError::Kind::cannot_open,
                     path + ": cannot create its folder: " + fs_error.message()});
  sqlite3 *db = nullptr;
  const int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
      nullptr);
  std::unique_ptr<Journal> journal(new Journal(db, path));
  if (rc != SQLITE_OK)
    return unexpected(journal->error(JournalError::Kind::cannot_open, "cannot open"));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 2000);

  // The check comes first: a damaged file is reported before anything writes to it.
  {
    Stmt check;
    if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &check.s, nullptr) != SQLITE_OK)
      return unexpected(journal->error(JournalError::Kind::corrupt, "cannot be read"));
    std::string verdict;
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(check.s)) == SQLITE_ROW) {
      const auto *text = sqlite3_column_text(check.s, 0);
      if (!verdict.empty())
        verdict += "; ";
      verdict += text ? reinterpret_cast<const char *>(text) : "";
    }
    if (step != SQLITE_DONE)
      return unexpected(journal->error(JournalError::Kind::corrupt, "integrity check"));
    if (verdict != "ok")
      return unexpected(JournalError{JournalError::Kind::corrupt,
                                     path + ": integrity check failed: " + verdict});
  }
  for (const char *pragma :
       {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"})
    if (auto e = journal->exec(pragma))
      return unexpected(*e);

  const int version = journal->schema_version();
  if (version < 0)
    return unexpected(journal->error(JournalError::Kind::corrupt, "user_version"));
  if (version > kJournalSchemaVersion)
    return unexpected(JournalError{
        JournalError::Kind::newer_schema,
        path + ": journal schema version " + std::to_string(version) +
            " was written by a newer motcua-kiosk (this one knows up to " +
            std::to_string(kJournalSchemaVersion) +
            "); refusing to use it. Install the newer kiosk or move the file aside."});
  for (int next = version + 1; next <= kJournalSchemaVersion; ++next) {
    const std::string sql = "BEGIN IMMEDIATE;\n" +
                            std::string(kMigrations[static_cast<std::size_t>(next - 1)]) +
                            "\nPRAGMA user_version=" + std::to_string(next) +
                            ";\nCOMMIT;";
    if (auto e = journal->exec(sql.c_str())) {
      journal->exec("ROLLBACK"); // may fail when nothing is open: harmless
      e->message += " (migration " + std::to_string(next) + ")";
      return unexpected(*e);
    }
  }
  return journal;
}

Journal::~Journal() { sqlite3_close_v2(db_); }

int Journal::schema_version() const {
  Stmt q;
  if (sqlite3_prepare_v2(db_, "PRAGMA user_version", -1, &q.s, nullptr) != SQLITE_OK ||
      sqlite3_step(q.s) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int(q.s, 0);
}

std::optional<JournalError> Journal::add_rating(const Rating &rating,
                                                std::int64_t now_ms) {
  if (rating.id.empty())
    return JournalError{JournalError::Kind::storage, path_ + ": a rating without id"};
  Stmt q;
  if (sqlite3_prepare_v2(db_,
                         "INSERT INTO ratings (id, body, created_ms) VALUES (?, ?, ?) "
                         "ON CONFLICT (id) DO NOTHING",
                         -1, &q.s, nullptr) != SQLITE_OK)
    return error(JournalError::Kind::storage, "add rating");
  const std::string body = rating_to_json(rating);
  sqlite3_bind_text(q.s, 1, rating.id.data(), static_cast<int>(rating.id.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_text(q.s, 2, body.data(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int64(q.s, 3, now_ms);
  if (sqlite3_step(q.s) != SQLITE_DONE)
    return error(JournalError::Kind::storage, "add rating " + rating.id);
  return std::nullopt;
}

Result<std::vector<Rating>, JournalError> Journal::unsent_ratings(std::size_t limit) {
  Stmt q;
  if (sqlite3_prepare_v2(db_,
                         "SELECT id, body FROM ratings WHERE settled_ms IS NULL "
                         "ORDER BY created_ms, rowid LIMIT ?",
                         -1, &q.s, nullptr) != SQLITE_OK)
    return unexpected(error(JournalError::Kind::storage, "read unsent ratings"));
  sqlite3_bind_int64(q.s, 1, static_cast<sqlite3_int64>(limit));
  std::vector<Rating> out;
  int step = SQLITE_ROW;
  while ((step = sqlite3_step(q.s)) == SQLITE_ROW) {
    const std::string id = reinterpret_cast<const char *>(sqlite3_column_text(q.s, 0));
    const char *body = reinterpret_cast<const char *>(sqlite3_column_text(q.s, 1));
    auto rating = parse_rating_request(body ? body : "");
    if (!rating)
      return unexpected(JournalError{
          JournalError::Kind::corrupt,
          path_ + ": rating " + id + " cannot be read back: " + rating.error().message});
    out.push_back(std::move(rating.value()));
  }
  if (step != SQLITE_DONE)
    return unexpected(error(JournalError::Kind::storage, "read unsent ratings"));
  return out;
}

namespace {
// Ratings, offline tickets and withdrawals end the same way: settled once,
// with a state and an optional note. `table` is one of them, never input.
std::optional<JournalError> settle(sqlite3 *db, const std::string &path,
                                   const char *table, const char *what,
                                   const std::string &id, const char *state,
                                   const std::string &note, std::int64_t now_ms) {
  Stmt q;
  const std::string sql = std::string("UPDATE ") + table +
                          " SET settled_ms = ?, state = ?, note = ? "
                          "WHERE id = ? AND settled_ms IS NULL";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &q.s, nullptr) == SQLITE_OK) {
    sqlite3_bind_int64(q.s, 1, now_ms);
    sqlite3_bind_text(q.s, 2, state, -1, SQLITE_STATIC);
    if (note.empty())
      sqlite3_bind_null(q.s, 3);
    else
      bind_text(q.s, 3, note);
    bind_text(q.s, 4, id);
    if (sqlite3_step(q.s) == SQLITE_DONE)
      return std::nullopt;
  }
  const int code = sqlite3_extended_errcode(db);
  return JournalError{
      is_corruption(code) ? JournalError::Kind::corrupt : JournalError::Kind::storage,
      path + ": mark " + what + " " + id + " " + state + ": " + sqlite3_errmsg(db)};
}
} // namespace

std::optional<JournalError> Journal::mark_rating_sent(const std::string &id,
                                                      std::int64_t now_ms) {
  return settle(db_, path_, "ratings", "rating", id, "sent", {}, now_ms);
}

std::optional<JournalError> Journal::mark_rating_rejected(const std::string &id,
                                                          const std::string &why,
                                                          std::int64_t now_ms) {
  return settle(db_, path_, "ratings", "rating", id, "rejected", why, now_ms);
}

Result<std::int64_t, JournalError> Journal::prune_settled(std::int64_t before_ms) {
  return prune_settled_rows("ratings", before_ms);
}

// Deletes the rows of `table` (never input) settled before `before_ms`.
Result<std::int64_t, JournalError> Journal::prune_settled_rows(const char *table,
                                                               std::int64_t before_ms) {
  Stmt q;
  const std::string sql = std::string("DELETE FROM ") + table +
                          " WHERE settled_ms IS NOT NULL AND settled_ms < ?";
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &q.s, nullptr) != SQLITE_OK)
    return unexpected(error(JournalError::Kind::storage, std::string("prune ") + table));
  sqlite3_bind_int64(q.s, 1, before_ms);
  if (sqlite3_step(q.s) != SQLITE_DONE)
    return unexpected(error(JournalError::Kind::storage, std::string("prune ") + table));
  return static_cast<std::int64_t>(sqlite3_changes(db_));
}

Result<JournalCounts, JournalError> Journal::counts() {
  Stmt q;
  if (sqlite3_prepare_v2(db_, "SELECT state, COUNT(*) FROM ratings GROUP BY state", -1,
                         &q.s, nullptr) != SQLITE_OK)
    return unexpected(error(JournalError::Kind::storage, "count"));
  JournalCounts c;
  int step = SQLITE_ROW;
  while ((step = sqlite3_step(q.s)) == SQLITE_ROW) {
    const std::string_view state =
        reinterpret_cast<const char *>(sqlite3_column_text(q.s, 0));
    const auto n = sqlite3_column_int64(q.s, 1);
    if (state == "unsent")
      c.unsent_ratings = n;
    else if (state == "sent")
      c.sent_ratings = n;
    else
      c.rejected_ratings = n;
  }
  if (step != SQLITE_DONE)
    return unexpected(error(JournalError::Kind::storage, "count"));
  Stmt t;
  if (sqlite3_prepare_v2(db_,
                         "SELECT state, COUNT(*) FROM offline_tickets GROUP BY state", -1,
                         &t.s, nullptr) != SQLITE_OK)
    return unexpected(error(JournalError::Kind::storage, "count"));
  while ((step = sqlite3_step(t.s)) == SQLITE_ROW) {
    const std::string state = column_text(t.s, 0);
    const auto n = sqlite3_column_int64(t.s, 1);
    if (state == "unsent")
      c.unsent_tickets = n;
    else if (state == "sent")
      c.sent_tickets = n;
    else
      c.rejected_tickets = n;
  }
  if (step != SQLITE_DONE)
    return unexpected(error(JournalError::Kind::storage, "count"));
  return c;
}

std::optional<JournalError> Journal::add_lease(const LeaseBlock &b, std::int64_t now_ms) {
  Stmt q;
  if (b.first < 1 || b.last < b.first)
    return JournalError{JournalError::Kind::storage, path_ + ": lease " + b.service_id +
                                                         " " + std::to_string(b.first) +
                                                         ".." + std::to_string(b.last) +
                                                         " is empty"};
  if (sqlite3_prepare_v2(db_,
                         "INSERT INTO leases (service_id, day, first, last, next, "
                         "received_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                         -1, &q.s, nullptr) != SQLITE_OK)
    return error(JournalError::Kind::storage, "add lease");
  bind_text(q.s, 1, b.service_id);
  bind_text(q.s, 2, b.day);
  sqlite3_bind_int(q.s, 3, b.first);
  sqlite3_bind_int(q.s, 4, b.last);
  sqlite3_bind_int(q.s, 5, b.first);
  sqlite3_bind_int64(q.s, 6, now_ms);
  if (sqlite3_step(q.s) != SQLITE_DONE)
    return error(JournalError::Kind::storage, "add lease " + b.service_id);
  return std::nullopt;
}

Result<std::map<std::string, int>, JournalError>
Journal::lease_remaining(const std::string &day) {
  Stmt q;
  if (sqlite3_prepare_v2(db_,
                         "SELECT service_id, SUM(last - next + 1) FROM leases "
                         "WHERE day = ? AND next <= last GROUP BY service_id",
                         -1, &q.s, nullptr) != SQLITE_OK)
    return unexpected(error(JournalError::Kind::storage, "read leases"));
  bind_text(q.s, 1, day);
  std::map<std::string, int> out;
  int step = SQLITE_ROW;
  while ((step = sqlite3_step(q.s)) == SQLITE_ROW)
    out[column_text(q.s, 0)] = sqlite3_column_int(q.s, 1);
  if (step != SQLITE_DONE)
    return unexpected(error(JournalError::Kind::storage, "read leases"));
  return out;
}

Result<std::optional<OfflineTicketRecord>, JournalError>
Journal::issue_from_lease(const std::string &day, const std::string &number_prefix,
                          OfflineTicketUpload upload, std::int64_t now_ms) {
  if (upload.id.empty())
    return unexpected(JournalError{JournalError::Kind::storage,
                                   path_ + ": an offline ticket without id"});
  // IMMEDIATE: the number is ours from the read to the commit.
  if (auto e = exec("BEGIN IMMEDIATE"))
    return unexpected(*e);
  auto rollback = [&](JournalError e) {
    exec("ROLLBACK");
    return unexpected(std::move(e));
  };
  int first = 0, next = 0;
  {
    Stmt q;
    if (sqlite3_prepare_v2(db_,
                           "SELECT first, next FROM leases WHERE service_id = ? AND "
                           "day = ? AND next <= last ORDER BY rowid LIMIT 1",
                           -1, &q.s, nullptr) != SQLITE_OK)
      return rollback(error(JournalError::Kind::storage, "read leases"));
    bind_text(q.s, 1, upload.service_id);
    bind_text(q.s, 2, day);
    const int step = sqlite3_step(q.s);
    if (step == SQLITE_DONE) {
      exec("ROLLBACK");
      return std::optional<OfflineTicketRecord>();
    }
    if (step != SQLITE_ROW)
      return rollback(error(JournalError::Kind::storage, "read leases"));
    first = sqlite3_column_int(q.s, 0);
    next = sqlite3_column_int(q.s, 1);
  }
  {
    Stmt q;
    if (sqlite3_prepare_v2(db_,
                           "UPDATE leases SET next = next + 1 WHERE service_id = ? AND "
                           "day = ? AND first = ?",
                           -1, &q.s, nullptr) != SQLITE_OK)
      return rollback(error(JournalError::Kind::storage, "take a number"));
    bind_text(q.s, 1, upload.service_id);
    bind_text(q.s, 2, day);
    sqlite3_bind_int(q.s, 3, first);
    if (sqlite3_step(q.s) != SQLITE_DONE)
      return rollback(error(JournalError::Kind::storage, "take a number"));
  }
  upload.sequence = next;
  char digits[16];
  std::snprintf(digits, sizeof digits, "%03d", next);
  OfflineTicketRecord record{std::move(upload), number_prefix + digits, day};
  {
    Stmt q;
    if (sqlite3_prepare_v2(db_,
                           "INSERT INTO offline_tickets (id, service_id, day, sequence, "
                           "number, priority_group, issued_at, created_ms) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &q.s, nullptr) != SQLITE_OK)
      return rollback(error(JournalError::Kind::storage, "journal the ticket"));
    const auto &u = record.upload;
    bind_text(q.s, 1, u.id);
    bind_text(q.s, 2, u.service_id);
    bind_text(q.s, 3, day);
    sqlite3_bind_int(q.s, 4, u.sequence);
    bind_text(q.s, 5, record.number);
    if (u.priority_group)
      bind_text(q.s, 6, *u.priority_group);
    else
      sqlite3_bind_null(q.s, 6);
    bind_text(q.s, 7, u.issued_at);
    sqlite3_bind_int64(q.s, 8, now_ms);
    if (sqlite3_step(q.s) != SQLITE_DONE)
      return rollback(error(JournalError::Kind::storage, "journal ticket " + u.id));
  }
  if (auto e = exec("COMMIT"))
    return rollback(*e);
  return std::optional<OfflineTicketRecord>(std::move(record));
}

Result<std::vector<OfflineTicketRecord>, JournalError>
Journal::unsent_tickets(std::size_t limit) {
  Stmt q;
  if (sqlite3_prepare_v2(db_,
                         "SELECT id, service_id, day, sequence, number, priority_group, "
                         "issued_at FROM offline_tickets WHERE settled_ms IS NULL "
                         "ORDER BY created_ms, rowid LIMIT ?",
                         -1, &q.s, nullptr) != SQLITE_OK)
    return unexpected(error(JournalError::Kind::storage, "read unsent tickets"));
  sqlite3_bind_int64(q.s, 1, static_cast<sqlite3_int64>(limit));
  std::vector<OfflineTicketRecord> out;
  int step = SQLITE_ROW;
  while ((step = sqlite3_step(q.s)) == SQLITE_ROW) {
    OfflineTicketRecord r;
    r.upload.id = column_text(q.s, 0);
    r.upload.service_id = column_text(q.s, 1);
    r.day = column_text(q.s, 2);
    r.upload.sequence = sqlite3_column_int(q.s, 3);
    r.number = column_text(q.s, 4);
    if (sqlite3_column_type(q.s, 5) != SQLITE_NULL)
      r.upload.priority_group = column_text(q.s, 5);
    r.upload.issued_at = column_text(q.s, 6);
    out.push_back(std::move(r));
  }
  if (step != SQLITE_DONE)
    return unexpected(error(JournalError::Kind::storage, "read unsent tickets"));
  return out;
}

std::optional<JournalError> Journal::mark_ticket_sent(const std::string &id,
                                                      std::int64_t now_ms) {
  return settle(db_, path_, "offline_tickets", "ticket", id, "sent", {}, now_ms);
}

std::optional<JournalError> Journal::mark_ticket_rejected(const std::string &id,
                                                          const std::string &why,
                                                          std::int64_t now_ms) {
  return settle(db_, path_, "offline_tickets", "ticket", id, "rejected", why, now_ms);
}

Result<std::int64_t, JournalError>
Journal::prune_settled_tickets(std::int64_t before_ms) {
  return prune_settled_rows("offline_tickets", before_ms);
}

Result<std::int64_t, JournalError> Journal::prune_leases(const std::string &today) {
  Stmt l;
  if (sqlite3_prepare_v2(db_, "DELETE FROM leases WHERE day < ?", -1, &l.s, nullptr) !=
      SQLITE_OK)
    return unexpected(error(JournalError::Kind::storage, "prune leases"));
  bind_text(l.s, 1, today);
  if (sqlite3_step(l.s) != SQLITE_DONE)
    return unexpected(error(JournalError::Kind::storage, "prune leases"));
  return static_cast<std::int64_t>(sqlite3_changes(db_));
}

std::optional<JournalError> Journal::put_cached(const std::string &key,
                                                const std::string &value,
                                                std::int64_t now_ms) {
  Stmt q;
  if (sqlite3_prepare_v2(db_,
                         "INSERT INTO cache (key, value, saved_ms) VALUES (?, ?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                         "saved_ms = excluded.saved_ms",
                         -1, &q.s, nullptr) != SQLITE_OK)
    return error(JournalError::Kind::storage, "cache " + key);
  bind_text(q.s, 1, key);
  bind_text(q.s, 2, value);
  sqlite3_bind_int64(q.s, 3, now_ms);
  if (sqlite3_step(q.s) != SQLITE_DONE)
    return error(JournalError::Kind::storage, "cache " + key);
  return std::nullopt;
}

Result<std::optional<std::string>, JournalError> Journal::cached(const std::string &key) {
  Stmt q;
  if (sqlite3_prepare_v2(db_, "SELECT value FROM cache WHERE key = ?", -1, &q.s,
                         nullptr) != SQLITE_OK)
    return unexpected(error(JournalError::Kind::storage, "read cache " + key));
  bind_text(q.s, 1, key);
  const int step = sqlite3_step(q.s);
  if (step == SQLITE_DONE)
    return std::optional<std::string>();
  if (step != SQLITE_ROW)
    return unexpected(error(JournalError::Kind::storage, "read cache " + key));
  return std::optional<std::string>(column_text(q.s, 0));
}

std::optional<JournalError> Journal::add_withdrawal(const std::string &key,
                                                    std::int64_t now_ms) {
  Stmt q;
  if (sqlite3_prepare_v2(db_,
                         "INSERT INTO withdrawals (id, created_ms) VALUES (?, ?) "
                         "ON CONFLICT (id) DO NOTHING",
                         -1, &q.s, nullptr) != SQLITE_OK)
    return error(JournalError::Kind::storage, "add withdrawal");
  bind_text(q.s, 1, key);
  sqlite3_bind_int64(q.s, 2, now_ms);
  if (sqlite3_step(q.s) != SQLITE_DONE)
    return error(JournalError::Kind::storage, "add withdrawal " + key);
  return std::nullopt;
}

Result<std::vector<std::string>, JournalError>
Journal::unsent_withdrawals(std::size_t limit) {
  Stmt q;
  if (sqlite3_prepare_v2(db_,
                         "SELECT id FROM withdrawals WHERE settled_ms IS NULL "
                         "ORDER BY created_ms, rowid LIMIT ?",
                         -1, &q.s, nullptr) != SQLITE_OK)
    return unexpected(error(JournalError::Kind::storage, "read unsent withdrawals"));
  sqlite3_bind_int64(q.s, 1, static_cast<sqlite3_int64>(limit));
  std::vector<std::string> out;
  int step = SQLITE_ROW;
  while ((step = sqlite3_step(q.s)) == SQLITE_ROW)
    out.push_back(column_text(q.s, 0));
  if (step != SQLITE_DONE)
    return unexpected(error(JournalError::Kind::storage, "read unsent withdrawals"));
  return out;
}

std::optional<JournalError> Journal::mark_withdrawal_sent(const std::string &key,
                                                          std::int64_t now_ms) {
  return settle(db_, path_, "withdrawals", "withdrawal", key, "sent", {}, now_ms);
}

std::optional<JournalError> Journal::mark_withdrawal_rejected(const std::string &key,
                                                              const std::string &why,
                                                              std::int64_t now_ms) {
  return settle(db_, path_, "withdrawals", "withdrawal", key, "rejected", why, now_ms);
}

Result<std::int64_t, JournalError>
Journal::prune_settled_withdrawals(std::int64_t before_ms) {
  return prune_settled_rows("withdrawals", before_ms);
}

} // namespace motcua::net
