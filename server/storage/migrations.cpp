#include "server/storage/migrations.hpp"

#include <system_error>
#include <vector>

namespace motcua::station {

const char *to_string(StoreError::Code code) {
  switch (code) {
  case StoreError::Code::cannot_open:
    return "cannot_open";
  case StoreError::Code::schema_too_new:
    return "schema_too_new";
  case StoreError::Code::conflict:
    return "conflict";
  case StoreError::Code::not_found:
    return "not_found";
  case StoreError::Code::storage_error:
    return "storage_error";
  }
  return "storage_error";
}

namespace {

using sqlite::Database;

// Migration N brings the schema from user_version N-1 to N.
const std::vector<std::vector<const char *>> kMigrations = {
    // 1: the walking skeleton's tickets.
    {
        R"(CREATE TABLE tickets (
             id INTEGER PRIMARY KEY,
             day TEXT NOT NULL,
             service_id TEXT NOT NULL,
             sequence INTEGER NOT NULL CHECK (sequence >= 1),
             number TEXT NOT NULL,
             priority_group TEXT,
             issued_at TEXT NOT NULL,
             idempotency_key TEXT UNIQUE,
             status TEXT NOT NULL DEFAULT 'waiting',
             UNIQUE (day, service_id, sequence)))",
        R"(CREATE TABLE service_sequences (
             day TEXT NOT NULL,
             service_id TEXT NOT NULL,
             last_sequence INTEGER NOT NULL,
             PRIMARY KEY (day, service_id)))",
    },
    // 2: ratings, stored once per UUID and once per linked ticket.
    {
        R"(CREATE TABLE ratings (
             id TEXT PRIMARY KEY,
             level TEXT NOT NULL,
             reasons TEXT NOT NULL,
             ticket_number TEXT,
             ticket_day TEXT,
             linked INTEGER NOT NULL DEFAULT 0,
             rated_at TEXT NOT NULL,
             received_at TEXT NOT NULL,
             kiosk_id TEXT))",
        R"(CREATE UNIQUE INDEX ratings_per_ticket ON ratings (ticket_day, ticket_number)
             WHERE linked = 1)",
    },
    // 3: the queue journal. Every action the queue engine accepted, in order;
    // replaying it rebuilds the day after a restart. Tickets keep their own
    // rows (above) for idempotency and reports.
    {
        R"(CREATE TABLE queue_journal (
             id INTEGER PRIMARY KEY,
             day TEXT NOT NULL,
             weekday INTEGER NOT NULL,
             second_of_day INTEGER NOT NULL,
             action TEXT NOT NULL,
             counter_id TEXT NOT NULL DEFAULT '',
             service_id TEXT NOT NULL DEFAULT '',
             text TEXT NOT NULL DEFAULT '',
             count INTEGER NOT NULL DEFAULT 0,
             extra INTEGER NOT NULL DEFAULT 0))",
        "CREATE INDEX queue_journal_day ON queue_journal (day, id)",
        // Before this migration the store numbered tickets itself.
        "DROP TABLE service_sequences",
    },
    // 4: who may call the API. Secrets are stored hashed only.
    {
        R"(CREATE TABLE officers (
             username TEXT PRIMARY KEY,
             display_name TEXT NOT NULL,
             role TEXT NOT NULL,
             salt TEXT NOT NULL,
             password_hash TEXT NOT NULL,
             iterations INTEGER NOT NULL,
             created_at TEXT NOT NULL))",
        R"(CREATE TABLE sessions (
             token_hash TEXT PRIMARY KEY,
             username TEXT NOT NULL,
             role TEXT NOT NULL,
             expires_at INTEGER NOT NULL))",
        R"(CREATE TABLE kiosks (
             id TEXT PRIMARY KEY,
             name TEXT NOT NULL,
             token_hash TEXT NOT NULL UNIQUE,
             enrolled_at TEXT NOT NULL,
             last_health TEXT,
             last_seen TEXT))",
        R"(CREATE TABLE enrollment_codes (
             code_hash TEXT PRIMARY KEY,
             created_by TEXT NOT NULL,
             expires_at INTEGER NOT NULL,
             used_by TEXT))",
    },
};

StoreError fail(StoreError::Code code, std::string message) {
  return StoreError{code, std::move(message)};
}

std::optional<StoreError> configure(Database &db) {
  db.set_busy_timeout(5000);
  auto mode = db.query_text("PRAGMA journal_mode = WAL");
  if (!mode || *mode != "wal")
    return fail(StoreError::Code::cannot_open,
                "cannot switch to WAL journal mode: " + db.last_error());
  // Every commit reaches the disk before the API acknowledges it.
  if (!db.run("PRAGMA synchronous = FULL") || !db.run("PRAGMA foreign_keys = ON"))
    return fail(StoreError::Code::cannot_open,
                "cannot configure the database: " + db.last_error());
  return std::nullopt;
}

std::optional<StoreError> migrate(Database &db) {
  static_assert(kStationSchemaVersion == 4, "add the migration to kMigrations");
  auto version_text = db.query_text("PRAGMA user_version");
  if (!version_text)
    return fail(StoreError::Code::cannot_open,
                "cannot read the schema version: " + db.last_error());
  const int version = std::stoi(*version_text);
  const int known = static_cast<int>(kMigrations.size());
  if (version > known)
    return fail(StoreError::Code::schema_too_new,
                "the database has schema version " + std::to_string(version) +
                    "; this station knows up to " + std::to_string(known));
  for (int next = version + 1; next <= known; ++next) {
    sqlite::Transaction tx(db);
    bool ok = tx.begin();
    for (const char *sql : kMigrations[next - 1])
      ok = ok && db.run(sql);
    // user_version is stored in the database header and commits with the rest.
    ok = ok && db.run("PRAGMA user_version = " + std::to_string(next)) && tx.commit();
    if (!ok)
      return fail(StoreError::Code::cannot_open,
                  "migration " + std::to_string(next) + " failed: " + db.last_error());
  }
  return std::nullopt;
}

} // namespace

Result<Database, StoreError>
open_station_database(const std::filesystem::path &data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec)
    return unexpected(fail(StoreError::Code::cannot_open,
                           "cannot create " + data_dir.string() + ": " + ec.message()));
  const auto path = (data_dir / kStationDatabaseFile).string();
  auto db = Database::open(path);
  if (!db)
    return unexpected(
        fail(StoreError::Code::cannot_open, "cannot open " + path + ": " + db.error()));
  if (auto error = configure(*db))
    return unexpected(*error);
  if (auto error = migrate(*db))
    return unexpected(*error);
  return std::move(db).value();
}

} // namespace motcua::station
