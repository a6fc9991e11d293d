#include "net/journal/journal.hpp"

#include <sqlite3.h>

#include <array>
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
};

// Finalizes on every path.
struct Stmt {
  sqlite3_stmt *s = nullptr;
  ~Stmt() { sqlite3_finalize(s); }
};

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
std::optional<JournalError> settle(sqlite3 *db, const std::string &path,
                                   const std::string &id, const char *state,
                                   const std::string &note, std::int64_t now_ms) {
  Stmt q;
  if (sqlite3_prepare_v2(db,
                         "UPDATE ratings SET settled_ms = ?, state = ?, note = ? "
                         "WHERE id = ? AND settled_ms IS NULL",
                         -1, &q.s, nullptr) == SQLITE_OK) {
    sqlite3_bind_int64(q.s, 1, now_ms);
    sqlite3_bind_text(q.s, 2, state, -1, SQLITE_STATIC);
    if (note.empty())
      sqlite3_bind_null(q.s, 3);
    else
      sqlite3_bind_text(q.s, 3, note.data(), static_cast<int>(note.size()),
                        SQLITE_TRANSIENT);
    sqlite3_bind_text(q.s, 4, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(q.s) == SQLITE_DONE)
      return std::nullopt;
  }
  const int code = sqlite3_extended_errcode(db);
  return JournalError{
      is_corruption(code) ? JournalError::Kind::corrupt : JournalError::Kind::storage,
      path + ": mark rating " + id + " " + state + ": " + sqlite3_errmsg(db)};
}
} // namespace

std::optional<JournalError> Journal::mark_rating_sent(const std::string &id,
                                                      std::int64_t now_ms) {
  return settle(db_, path_, id, "sent", {}, now_ms);
}

std::optional<JournalError> Journal::mark_rating_rejected(const std::string &id,
                                                          const std::string &why,
                                                          std::int64_t now_ms) {
  return settle(db_, path_, id, "rejected", why, now_ms);
}

Result<std::int64_t, JournalError> Journal::prune_settled(std::int64_t before_ms) {
  Stmt q;
  if (sqlite3_prepare_v2(db_,
                         "DELETE FROM ratings WHERE settled_ms IS NOT NULL AND "
                         "settled_ms < ?",
                         -1, &q.s, nullptr) != SQLITE_OK)
    return unexpected(error(JournalError::Kind::storage, "prune"));
  sqlite3_bind_int64(q.s, 1, before_ms);
  if (sqlite3_step(q.s) != SQLITE_DONE)
    return unexpected(error(JournalError::Kind::storage, "prune"));
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
  return c;
}

} // namespace motcua::net
