#include "server/storage/ticket_store.hpp"

#include "server/numbering.hpp"
#include "server/storage/sqlite.hpp"

#include <mutex>
#include <system_error>
#include <vector>

namespace motcua::station {

const char *to_string(StoreError::Code code) {
  switch (code) {
  case StoreError::Code::cannot_open:
    return "cannot_open";
  case StoreError::Code::schema_too_new:
    return "schema_too_new";
  case StoreError::Code::daily_cap_reached:
    return "daily_cap_reached";
  case StoreError::Code::idempotency_conflict:
    return "idempotency_conflict";
  case StoreError::Code::storage_error:
    return "storage_error";
  }
  return "storage_error";
}

namespace {

using sqlite::Database;
using sqlite::Statement;

// Migration N (1-based) brings the schema from user_version N-1 to N. Append
// only: a released migration never changes.
const std::vector<std::vector<const char *>> kMigrations = {
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
        // The last number handed out per day and service; committed in the same
        // transaction as its ticket, so a number is never handed out twice.
        R"(CREATE TABLE service_sequences (
             day TEXT NOT NULL,
             service_id TEXT NOT NULL,
             last_sequence INTEGER NOT NULL,
             PRIMARY KEY (day, service_id)))",
    },
};
static_assert(kTicketStoreSchemaVersion == 1, "add the migration to kMigrations");

StoreError fail(StoreError::Code code, std::string message) {
  return StoreError{code, std::move(message)};
}

// Rolls back unless committed, so every early return leaves no transaction open.
class Transaction {
public:
  explicit Transaction(Database &db) : db_(db) {}
  ~Transaction() {
    if (open_)
      db_.run("ROLLBACK"); // failure here means SQLite already rolled back
  }
  bool begin() { return open_ = db_.run("BEGIN IMMEDIATE"); }
  bool commit() {
    if (!db_.run("COMMIT"))
      return false;
    open_ = false;
    return true;
  }

private:
  Database &db_;
  bool open_ = false;
};

// Resets a cached statement when leaving scope, whatever the path.
struct Using {
  Statement &stmt;
  ~Using() { stmt.reset(); }
};

class SqliteTicketStore final : public TicketStore {
public:
  explicit SqliteTicketStore(Database db) : db_(std::move(db)) {}

  std::optional<StoreError> prepare_statements() {
    struct Want {
      Statement *into;
      const char *sql;
    };
    const Want wants[] = {
        {&find_by_key_,
         "SELECT day, service_id, sequence, number, priority_group, issued_at "
         "FROM tickets WHERE idempotency_key = ?1"},
        {&last_sequence_, "SELECT last_sequence FROM service_sequences WHERE day = ?1 "
                          "AND service_id = ?2"},
        {&save_sequence_,
         "INSERT INTO service_sequences (day, service_id, last_sequence) "
         "VALUES (?1, ?2, ?3) "
         "ON CONFLICT (day, service_id) DO UPDATE SET last_sequence = "
         "excluded.last_sequence"},
        {&insert_ticket_,
         "INSERT INTO tickets (day, service_id, sequence, number, priority_group, "
         "issued_at, idempotency_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
        {&people_ahead_,
         "SELECT COUNT(*) FROM tickets WHERE day = ?1 AND service_id = ?2 "
         "AND status = 'waiting' AND sequence < ?3"},
    };
    for (const auto &want : wants) {
      auto stmt = db_.prepare(want.sql);
      if (!stmt)
        return fail(StoreError::Code::cannot_open,
                    "cannot prepare a statement: " + stmt.error());
      *want.into = std::move(stmt).value();
    }
    return std::nullopt;
  }

  Result<IssuedTicket, StoreError> issue(const IssueRequest &request) override {
    if (!request.service)
      return unexpected(fail(StoreError::Code::storage_error, "no service given"));
    std::lock_guard lock(mutex_);
    Transaction tx(db_);
    if (!tx.begin())
      return unexpected(sql_error("begin"));

    if (!request.idempotency_key.empty()) {
      auto stored = find_by_key(request.idempotency_key);
      if (!stored)
        return unexpected(stored.error());
      if (stored->has_value()) {
        IssuedTicket replay{std::move(**stored), true};
        if (replay.ticket.service_id != request.service->id ||
            replay.ticket.priority_group != request.priority_group)
          return unexpected(fail(StoreError::Code::idempotency_conflict,
                                 "the idempotency key was used for another request"));
        return finish(tx, std::move(replay));
      }
    }

    auto last = last_sequence(request.day, request.service->id);
    if (!last)
      return unexpected(last.error());
    const int sequence = *last + 1;
    if (sequence > request.service->daily_cap)
      return unexpected(fail(StoreError::Code::daily_cap_reached,
                             "service " + request.service->id + " has issued its " +
                                 std::to_string(request.service->daily_cap) +
                                 " tickets for " + request.day));

    IssuedTicket issued;
    Ticket &t = issued.ticket;
    t.day = request.day;
    t.service_id = request.service->id;
    t.sequence = sequence;
    t.number = format_ticket_number(request.service->prefix, sequence);
    t.priority_group = request.priority_group;
    t.issued_at = request.issued_at;

    if (auto error = save(t, request.idempotency_key))
      return unexpected(*error);
    return finish(tx, std::move(issued));
  }

private:
  StoreError sql_error(const char *what) const {
    return fail(StoreError::Code::storage_error,
                std::string(what) + " failed: " + db_.last_error());
  }

  Result<std::optional<Ticket>, StoreError> find_by_key(const std::string &key) {
    Using use{find_by_key_};
    if (!find_by_key_.bind(1, std::string_view(key)))
      return unexpected(sql_error("bind"));
    switch (find_by_key_.step()) {
    case Statement::Step::done:
      return std::optional<Ticket>();
    case Statement::Step::error:
      return unexpected(sql_error("find ticket by key"));
    case Statement::Step::row:
      break;
    }
    Ticket t;
    t.day = find_by_key_.column_text(0);
    t.service_id = find_by_key_.column_text(1);
    t.sequence = static_cast<int>(find_by_key_.column_int(2));
    t.number = find_by_key_.column_text(3);
    t.priority_group = find_by_key_.column_optional_text(4);
    t.issued_at = find_by_key_.column_text(5);
    return std::optional<Ticket>(std::move(t));
  }

  Result<int, StoreError> last_sequence(const std::string &day,
                                        const std::string &service_id) {
    Using use{last_sequence_};
    if (!last_sequence_.bind(1, std::string_view(day)) ||
        !last_sequence_.bind(2, std::string_view(service_id)))
      return unexpected(sql_error("bind"));
    switch (last_sequence_.step()) {
    case Statement::Step::done:
      return 0;
    case Statement::Step::row:
      return static_cast<int>(last_sequence_.column_int(0));
    case Statement::Step::error:
      break;
    }
    return unexpected(sql_error("read sequence"));
  }

  std::optional<StoreError> save(const Ticket &t, const std::string &key) {
    {
      Using use{save_sequence_};
      if (!save_sequence_.bind(1, std::string_view(t.day)) ||
          !save_sequence_.bind(2, std::string_view(t.service_id)) ||
          !save_sequence_.bind(3, std::int64_t{t.sequence}) ||
          save_sequence_.step() != Statement::Step::done)
        return sql_error("save sequence");
    }
    Using use{insert_ticket_};
    bool bound = insert_ticket_.bind(1, std::string_view(t.day)) &&
                 insert_ticket_.bind(2, std::string_view(t.service_id)) &&
                 insert_ticket_.bind(3, std::int64_t{t.sequence}) &&
                 insert_ticket_.bind(4, std::string_view(t.number)) &&
                 insert_ticket_.bind(5, t.priority_group) &&
                 insert_ticket_.bind(6, std::string_view(t.issued_at)) &&
                 (key.empty() ? insert_ticket_.bind_null(7)
                              : insert_ticket_.bind(7, std::string_view(key)));
    if (!bound || insert_ticket_.step() != Statement::Step::done)
      return sql_error("insert ticket");
    return std::nullopt;
  }

  Result<int, StoreError> count_people_ahead(const Ticket &t) {
    Using use{people_ahead_};
    if (!people_ahead_.bind(1, std::string_view(t.day)) ||
        !people_ahead_.bind(2, std::string_view(t.service_id)) ||
        !people_ahead_.bind(3, std::int64_t{t.sequence}) ||
        people_ahead_.step() != Statement::Step::row)
      return unexpected(sql_error("count people ahead"));
    return static_cast<int>(people_ahead_.column_int(0));
  }

  Result<IssuedTicket, StoreError> finish(Transaction &tx, IssuedTicket issued) {
    auto ahead = count_people_ahead(issued.ticket);
    if (!ahead)
      return unexpected(ahead.error());
    issued.ticket.people_ahead = *ahead;
    if (!tx.commit())
      return unexpected(sql_error("commit"));
    return issued;
  }

  std::mutex mutex_; // one connection, one caller at a time
  Database db_;
  // Declared after db_: destroyed (finalized) before the connection closes.
  Statement find_by_key_, last_sequence_, save_sequence_, insert_ticket_, people_ahead_;
};

std::optional<StoreError> configure(Database &db) {
  db.set_busy_timeout(5000);
  auto mode = db.query_text("PRAGMA journal_mode = WAL");
  if (!mode || *mode != "wal")
    return fail(StoreError::Code::cannot_open,
                "cannot switch to WAL journal mode: " + db.last_error());
  if (!db.run("PRAGMA synchronous = FULL"))
    return fail(StoreError::Code::cannot_open,
                "cannot set synchronous: " + db.last_error());
  return std::nullopt;
}

std::optional<StoreError> migrate(Database &db) {
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
    Transaction tx(db);
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

Result<std::unique_ptr<TicketStore>, StoreError>
open_sqlite_ticket_store(const std::filesystem::path &data_dir) {
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
  auto store = std::make_unique<SqliteTicketStore>(std::move(db).value());
  if (auto error = store->prepare_statements())
    return unexpected(*error);
  return std::unique_ptr<TicketStore>(std::move(store));
}

} // namespace motcua::station
