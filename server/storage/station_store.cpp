#include "server/storage/station_store.hpp"

#include "server/storage/migrations.hpp"

#include <boost/json.hpp>

#include <mutex>
#include <unordered_map>

namespace motcua::station {

namespace {
constexpr std::string_view kCarriedOver[] = {"add_counter", "set_counter_services",
                                             "set_priority_policy"};
} // namespace

bool carried_over(std::string_view action) {
  for (auto a : kCarriedOver)
    if (a == action)
      return true;
  return false;
}

const std::string &carried_over_actions_sql() {
  static const std::string sql = [] {
    std::string out = "(";
    for (auto a : kCarriedOver)
      out += (out.size() > 1 ? ", '" : "'") + std::string(a) + "'";
    return out + ")";
  }();
  return sql;
}

namespace {

using sqlite::Database;
using sqlite::Statement;
using sqlite::Transaction;
using sqlite::Using;
using Step = Statement::Step;

StoreError fail(StoreError::Code code, std::string message) {
  return StoreError{code, std::move(message)};
}

// Bindable values: text, optional text (null when empty) and integers.
bool bind_one(Statement &s, int i, const std::string &v) {
  return s.bind(i, std::string_view(v));
}
bool bind_one(Statement &s, int i, const std::optional<std::string> &v) {
  return s.bind(i, v);
}
bool bind_one(Statement &s, int i, std::int64_t v) { return s.bind(i, v); }
bool bind_one(Statement &s, int i, int v) { return s.bind(i, std::int64_t{v}); }

template <typename... Args> bool bind_all(Statement &s, const Args &...args) {
  int i = 0;
  return (bind_one(s, ++i, args) && ...);
}

bool is_constraint_error(const std::string &message) {
  return message.find("UNIQUE constraint") != std::string::npos ||
         message.find("constraint failed") != std::string::npos;
}

std::string reasons_json(const std::vector<std::string> &reasons) {
  boost::json::array out;
  for (const auto &r : reasons)
    out.emplace_back(r);
  return boost::json::serialize(out);
}

class SqliteStationStore final : public StationStore {
public:
  SqliteStationStore(Database db, Database reader, Statement find_key)
      : db_(std::move(db)), reader_(std::move(reader)), find_key_(std::move(find_key)) {}

  ~SqliteStationStore() override {
    cache_.clear(); // statements are finalized before the connection closes
  }

  // --- TicketJournal ---------------------------------------------------------

  // On the reading connection: in WAL mode it sees every commit without
  // waiting for the writer, which may be in the middle of a batch (and its
  // flush to the disk) while the desk asks whether a key was used before.
  Result<std::optional<TicketRecord>, StoreError>
  find_ticket_by_key(const std::string &key) override {
    std::lock_guard lock(reader_mutex_);
    Statement &q = find_key_;
    Using use{q};
    if (!bind_all(q, key))
      return unexpected(reader_error("bind"));
    switch (q.step()) {
    case Step::done:
      return std::optional<TicketRecord>();
    case Step::error:
      return unexpected(reader_error("find ticket"));
    case Step::row:
      break;
    }
    TicketRecord t{q.column_text(0),
                   q.column_text(1),
                   int(q.column_int(2)),
                   q.column_text(3),
                   q.column_optional_text(4),
                   q.column_text(5),
                   key};
    return std::optional<TicketRecord>(std::move(t));
  }

  std::optional<StoreError> append(const JournalEntry &e,
                                   const TicketRecord *ticket) override {
    std::lock_guard lock(mutex_);
    Transaction tx(db_);
    if (!tx.begin())
      return sql_error("begin");
    if (auto error = insert(e, ticket))
      return error;
    if (!tx.commit())
      return sql_error("commit");
    return std::nullopt;
  }

  std::optional<StoreError>
  append_batch(const std::vector<JournalWrite> &writes) override {
    std::lock_guard lock(mutex_);
    Transaction tx(db_);
    if (!tx.begin())
      return sql_error("begin");
    for (const JournalWrite &w : writes)
      if (auto error = insert(w.entry, w.ticket ? &*w.ticket : nullptr))
        return error; // the transaction rolls back: none of them is written
    if (!tx.commit())
      return sql_error("commit");
    return std::nullopt;
  }

  // Inside the caller's transaction.
  std::optional<StoreError> insert(const JournalEntry &e, const TicketRecord *ticket) {
    if (ticket) {
      std::optional<std::string> key;
      if (!ticket->idempotency_key.empty())
        key = ticket->idempotency_key;
      if (auto error =
              write("INSERT INTO tickets (day, service_id, sequence, number, "
                    "priority_group, issued_at, idempotency_key) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    ticket->day, ticket->service_id, ticket->sequence, ticket->number,
                    ticket->priority_group, ticket->issued_at, key))
        return error;
    }
    if (auto error = write(
            "INSERT INTO queue_journal (day, weekday, second_of_day, action, counter_id, "
            "service_id, text, count, extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            e.at.day, e.at.weekday, e.at.second_of_day, e.action, e.counter_id,
            e.service_id, e.text, e.count, e.extra))
      return error;
    return std::nullopt;
  }

  Result<std::vector<JournalEntry>, StoreError>
  load_journal(const std::string &day) override {
    std::lock_guard lock(mutex_);
    auto s = statement(
        "SELECT id, day, weekday, second_of_day, action, counter_id, service_id, text, "
        "count, extra FROM queue_journal WHERE day = ?1 OR (day < ?1 AND action IN " +
        carried_over_actions_sql() + ") ORDER BY id");
    if (!s)
      return unexpected(s.error());
    Statement &q = **s;
    Using use{q};
    if (!bind_all(q, day))
      return unexpected(sql_error("bind"));
    std::vector<JournalEntry> out;
    while (true) {
      auto step = q.step();
      if (step == Step::done)
        return out;
      if (step == Step::error)
        return unexpected(sql_error("read journal"));
      JournalEntry e;
      e.id = q.column_int(0);
      e.at.day = q.column_text(1);
      e.at.weekday = int(q.column_int(2));
      e.at.second_of_day = int(q.column_int(3));
      e.action = q.column_text(4);
      e.counter_id = q.column_text(5);
      e.service_id = q.column_text(6);
      e.text = q.column_text(7);
      e.count = int(q.column_int(8));
      e.extra = int(q.column_int(9));
      out.push_back(std::move(e));
    }
  }

  // --- RatingStore -------------------------------------------------------------

  Result<RatingReceipt, StoreError>
  store_rating(const Rating &r, const std::string &kiosk_id,
               const std::string &received_at) override {
    std::lock_guard lock(mutex_);
    Transaction tx(db_);
    if (!tx.begin())
      return unexpected(sql_error("begin"));
    RatingReceipt receipt;
    {
      auto s = statement("SELECT linked FROM ratings WHERE id = ?1");
      if (!s)
        return unexpected(s.error());
      Using use{**s};
      if (!bind_all(**s, r.id))
        return unexpected(sql_error("bind"));
      auto step = (*s)->step();
      if (step == Step::error)
        return unexpected(sql_error("find rating"));
      if (step == Step::row) {
        receipt.replayed = true;
        receipt.linked = (*s)->column_int(0) != 0;
        return receipt; // the transaction rolls back: nothing was written
      }
    }
    // The kiosk and the station share the time zone: the rating's date is the
    // day its ticket was issued (a citizen rates on the day of the visit).
    const std::string day = r.rated_at.substr(0, 10);
    if (r.ticket) {
      auto s = statement("SELECT 1 FROM tickets WHERE day = ?1 AND number = ?2 LIMIT 1");
      if (!s)
        return unexpected(s.error());
      Using use{**s};
      if (!bind_all(**s, day, *r.ticket))
        return unexpected(sql_error("bind"));
      auto step = (*s)->step();
      if (step == Step::error)
        return unexpected(sql_error("find ticket"));
      receipt.linked = step == Step::row;
    }
    std::optional<std::string> ticket_day;
    if (r.ticket)
      ticket_day = day;
    if (auto error =
            write("INSERT INTO ratings (id, level, reasons, ticket_number, "
                  "ticket_day, linked, rated_at, received_at, kiosk_id) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                  r.id, r.level, reasons_json(r.reasons), r.ticket, ticket_day,
                  receipt.linked ? 1 : 0, r.rated_at, received_at,
                  std::optional<std::string>(kiosk_id.empty() ? std::nullopt
                                                              : std::optional(kiosk_id))))
      return unexpected(*error);
    if (!tx.commit())
      return unexpected(sql_error("commit"));
    return receipt;
  }

  Result<bool, StoreError> ticket_rated(const std::string &day,
                                        const std::string &number) override {
    std::lock_guard lock(mutex_);
    auto s =
        statement("SELECT 1 FROM ratings WHERE ticket_day = ?1 AND ticket_number = ?2 "
                  "AND linked = 1 LIMIT 1");
    if (!s)
      return unexpected(s.error());
    Using use{**s};
    if (!bind_all(**s, day, number))
      return unexpected(sql_error("bind"));
    auto step = (*s)->step();
    if (step == Step::error)
      return unexpected(sql_error("find rating"));
    return step == Step::row;
  }

  // --- AuthStore ---------------------------------------------------------------

  std::optional<StoreError> add_officer(const OfficerRecord &o) override {
    std::lock_guard lock(mutex_);
    return write(
        "INSERT INTO officers (username, display_name, role, salt, password_hash, "
        "iterations, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        o.username, o.display_name, o.role, o.salt, o.password_hash, o.iterations,
        o.created_at);
  }

  Result<std::optional<OfficerRecord>, StoreError>
  find_officer(const std::string &username) override {
    auto all = select_officers("WHERE username = ?1", username);
    if (!all)
      return unexpected(all.error());
    if (all->empty())
      return std::optional<OfficerRecord>();
    return std::optional<OfficerRecord>(std::move(all->front()));
  }

  Result<std::vector<OfficerRecord>, StoreError> officers() override {
    return select_officers("ORDER BY username");
  }

  std::optional<StoreError> add_session(const SessionRecord &s) override {
    std::lock_guard lock(mutex_);
    return write("INSERT INTO sessions (token_hash, username, role, expires_at) "
                 "VALUES (?1, ?2, ?3, ?4)",
                 s.token_hash, s.username, s.role, s.expires_at);
  }

  std::optional<StoreError> remove_session(const std::string &token_hash) override {
    std::lock_guard lock(mutex_);
    return write("DELETE FROM sessions WHERE token_hash = ?1", token_hash);
  }

  Result<std::optional<SessionRecord>, StoreError>
  find_session(const std::string &token_hash, std::int64_t now) override {
    std::lock_guard lock(mutex_);
    if (auto error = write("DELETE FROM sessions WHERE expires_at <= ?1", now))
      return unexpected(*error);
    auto s = statement(
        "SELECT username, role, expires_at FROM sessions WHERE token_hash = ?1");
    if (!s)
      return unexpected(s.error());
    Statement &q = **s;
    Using use{q};
    if (!bind_all(q, token_hash))
      return unexpected(sql_error("bind"));
    auto step = q.step();
    if (step == Step::error)
      return unexpected(sql_error("find session"));
    if (step == Step::done)
      return std::optional<SessionRecord>();
    return std::optional<SessionRecord>(
        SessionRecord{token_hash, q.column_text(0), q.column_text(1), q.column_int(2)});
  }

  std::optional<StoreError> add_enrollment_code(const std::string &code_hash,
                                                const std::string &created_by,
                                                std::int64_t expires_at) override {
    std::lock_guard lock(mutex_);
    return write("INSERT INTO enrollment_codes (code_hash, created_by, expires_at) "
                 "VALUES (?1, ?2, ?3)",
                 code_hash, created_by, expires_at);
  }

  std::optional<StoreError> enroll_kiosk(const std::string &code_hash, std::int64_t now,
                                         const KioskRecord &k) override {
    std::lock_guard lock(mutex_);
    Transaction tx(db_);
    if (!tx.begin())
      return sql_error("begin");
    if (auto error =
            write("UPDATE enrollment_codes SET used_by = ?1 WHERE code_hash = ?2 "
                  "AND used_by IS NULL AND expires_at > ?3",
                  k.id, code_hash, now))
      return error;
    if (auto changed = db_.query_text("SELECT changes()"); !changed || *changed != "1")
      return fail(StoreError::Code::not_found,
                  "the enrollment code is unknown, used or expired");
    if (auto error = write("INSERT INTO kiosks (id, name, token_hash, enrolled_at) "
                           "VALUES (?1, ?2, ?3, ?4)",
                           k.id, k.name, k.token_hash, k.enrolled_at))
      return error;
    if (!tx.commit())
      return sql_error("commit");
    return std::nullopt;
  }

  Result<std::optional<KioskRecord>, StoreError>
  find_kiosk_by_token(const std::string &token_hash) override {
    auto all = select_kiosks("WHERE token_hash = ?1", token_hash);
    if (!all)
      return unexpected(all.error());
    if (all->empty())
      return std::optional<KioskRecord>();
    return std::optional<KioskRecord>(std::move(all->front()));
  }

  std::optional<StoreError> record_kiosk_health(const std::string &kiosk_id,
                                                const std::string &health_json,
                                                const std::string &seen_at) override {
    std::lock_guard lock(mutex_);
    return write("UPDATE kiosks SET last_health = ?1, last_seen = ?2 WHERE id = ?3",
                 health_json, seen_at, kiosk_id);
  }

  Result<std::vector<KioskRecord>, StoreError> kiosks() override {
    return select_kiosks("ORDER BY id");
  }

private:
  StoreError reader_error(const std::string &what) const {
    return fail(StoreError::Code::storage_error,
                what + " failed: " + reader_.last_error());
  }

  StoreError sql_error(const std::string &what) const {
    const std::string message = what + " failed: " + db_.last_error();
    return fail(is_constraint_error(message) ? StoreError::Code::conflict
                                             : StoreError::Code::storage_error,
                message);
  }

  // Prepared once per SQL text and kept for the connection's lifetime.
  Result<Statement *, StoreError> statement(const std::string &sql) {
    auto found = cache_.find(sql);
    if (found != cache_.end())
      return &found->second;
    auto prepared = db_.prepare(sql);
    if (!prepared)
      return unexpected(fail(StoreError::Code::storage_error,
                             "cannot prepare \"" + sql + "\": " + prepared.error()));
    return &cache_.emplace(sql, std::move(prepared).value()).first->second;
  }

  template <typename... Args>
  std::optional<StoreError> write(const std::string &sql, const Args &...args) {
    auto s = statement(sql);
    if (!s)
      return s.error();
    Using use{**s};
    if (!bind_all(**s, args...) || (*s)->step() != Step::done)
      return sql_error("write");
    return std::nullopt;
  }

  template <typename... Args>
  Result<std::vector<OfficerRecord>, StoreError> select_officers(const std::string &tail,
                                                                 const Args &...args) {
    std::lock_guard lock(mutex_);
    auto s = statement("SELECT username, display_name, role, salt, password_hash, "
                       "iterations, created_at FROM officers " +
                       tail);
    if (!s)
      return unexpected(s.error());
    Statement &q = **s;
    Using use{q};
    if (!bind_all(q, args...))
      return unexpected(sql_error("bind"));
    std::vector<OfficerRecord> out;
    for (auto step = q.step(); step != Step::done; step = q.step()) {
      if (step == Step::error)
        return unexpected(sql_error("read officers"));
      out.push_back(OfficerRecord{q.column_text(0), q.column_text(1), q.column_text(2),
                                  q.column_text(3), q.column_text(4),
                                  int(q.column_int(5)), q.column_text(6)});
    }
    return out;
  }

  template <typename... Args>
  Result<std::vector<KioskRecord>, StoreError> select_kiosks(const std::string &tail,
                                                             const Args &...args) {
    std::lock_guard lock(mutex_);
    auto s = statement("SELECT id, name, token_hash, enrolled_at, last_health, "
                       "last_seen FROM kiosks " +
                       tail);
    if (!s)
      return unexpected(s.error());
    Statement &q = **s;
    Using use{q};
    if (!bind_all(q, args...))
      return unexpected(sql_error("bind"));
    std::vector<KioskRecord> out;
    for (auto step = q.step(); step != Step::done; step = q.step()) {
      if (step == Step::error)
        return unexpected(sql_error("read kiosks"));
      out.push_back(KioskRecord{q.column_text(0), q.column_text(1), q.column_text(2),
                                q.column_text(3), q.column_optional_text(4),
                                q.column_optional_text(5)});
    }
    return out;
  }

  std::mutex mutex_; // one connection, one caller at a time
  Database db_;
  std::mutex reader_mutex_; // the reading connection, likewise
  Database reader_;
  // Declared after their connections: destroyed (finalized) before they close.
  std::unordered_map<std::string, Statement> cache_;
  Statement find_key_;
};

} // namespace

Result<std::unique_ptr<StationStore>, StoreError>
open_sqlite_station_store(const std::filesystem::path &data_dir) {
  auto db = open_station_database(data_dir);
  if (!db)
    return unexpected(db.error());
  const auto path = (data_dir / kStationDatabaseFile).string();
  auto reader = Database::open(path);
  if (!reader)
    return unexpected(fail(StoreError::Code::cannot_open,
                           "cannot open " + path + ": " + reader.error()));
  reader->set_busy_timeout(5000);
  if (!reader->run("PRAGMA query_only = ON"))
    return unexpected(
        fail(StoreError::Code::cannot_open,
             "cannot configure the reading connection: " + reader->last_error()));
  auto find_key = reader->prepare("SELECT day, service_id, sequence, number, "
                                  "priority_group, issued_at FROM tickets WHERE "
                                  "idempotency_key = ?1");
  if (!find_key)
    return unexpected(fail(StoreError::Code::cannot_open,
                           "cannot prepare the key lookup: " + find_key.error()));
  return std::unique_ptr<StationStore>(std::make_unique<SqliteStationStore>(
      std::move(db).value(), std::move(reader).value(), std::move(find_key).value()));
}

} // namespace motcua::station
