#pragma once
// The kiosk's durable journal: one SQLite file (WAL, synchronous=FULL) holding
// ratings until the station acknowledged them. A committed entry survives a
// power cut; nothing is reported stored before its commit returned.
// Not thread-safe: one owner (the kiosk's UI thread) uses it.
#include "net/protocol/rating.hpp"
#include "net/protocol/result.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace motcua::net {

struct JournalError {
  enum class Kind {
    cannot_open,  // the file or its folder cannot be opened or created
    corrupt,      // not a database, or the integrity check failed
    newer_schema, // written by a newer program: refused, never downgraded
    storage       // a statement failed (disk full, I/O error)
  };
  Kind kind = Kind::storage;
  std::string message; // names the file
};

// Migrations are numbered; PRAGMA user_version holds the last one applied.
constexpr int kJournalSchemaVersion = 1;

struct JournalCounts {
  std::int64_t unsent_ratings = 0;
  std::int64_t sent_ratings = 0; // acknowledged, kept until pruned
  std::int64_t rejected_ratings =
      0; // refused for good by the station, kept for technicians
};

class Journal {
public:
  // Opens or creates the file (and its folder), checks it with
  // PRAGMA quick_check, applies pending migrations.
  static Result<std::unique_ptr<Journal>, JournalError> open(const std::string &path);
  ~Journal();
  Journal(const Journal &) = delete;
  Journal &operator=(const Journal &) = delete;

  const std::string &path() const { return path_; }
  int schema_version() const;

  // Commits the rating (its id must be set). Adding an id twice keeps the first.
  std::optional<JournalError> add_rating(const Rating &rating, std::int64_t now_ms);
  // Unsent ratings, oldest first.
  Result<std::vector<Rating>, JournalError> unsent_ratings(std::size_t limit);
  std::optional<JournalError> mark_rating_sent(const std::string &id,
                                               std::int64_t now_ms);
  // The station refused it for good (4xx): kept, never sent again.
  std::optional<JournalError> mark_rating_rejected(const std::string &id,
                                                   const std::string &why,
                                                   std::int64_t now_ms);
  // Deletes sent and rejected records settled before `before_ms`; returns how many.
  Result<std::int64_t, JournalError> prune_settled(std::int64_t before_ms);
  Result<JournalCounts, JournalError> counts();

private:
  Journal(sqlite3 *db, std::string path) : db_(db), path_(std::move(path)) {}
  JournalError error(JournalError::Kind kind, const std::string &what) const;
  std::optional<JournalError> exec(const char *sql);

  sqlite3 *db_ = nullptr;
  std::string path_;
};

} // namespace motcua::net
