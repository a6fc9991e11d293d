#pragma once
// Where the station keeps what it must not lose: the queue journal and its
// tickets, ratings, and who may call the API. The interfaces are narrow on
// purpose: the station embeds SQLite today, and a province-wide PostgreSQL
// backend can implement the same calls later. Implementations are safe to
// call from several threads; every write returns only after its commit.
#include "net/protocol/rating.hpp"
#include "net/protocol/result.hpp"
#include "server/queue/station_time.hpp"
#include "server/storage/store_error.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::station {

// One action the queue engine accepted.
struct JournalEntry {
  std::int64_t id = 0; // assigned by append, increasing
  queue::StationTime at;
  std::string action; // "issue", "call_next", "add_counter", ...
  std::string counter_id;
  std::string service_id;
  std::string text; // priority group, officer, or services "A,B"
  int count = 0;    // lease size, offline sequence
  int extra = 0;    // offline issue time (second of day)
};

// The journal actions that hold beyond their day (counters, their services,
// the priority policy): each day's replay starts with those of the days
// before it.
bool carried_over(std::string_view action);
// The same as an SQL list for the queries that pick them: "('add_counter', ...)".
const std::string &carried_over_actions_sql();

struct TicketRecord {
  std::string day;
  std::string service_id;
  int sequence = 0;
  std::string number;
  std::optional<std::string> priority_group;
  std::string issued_at;
  std::string idempotency_key; // empty: none
};

// One entry to append, with the ticket it issued when there is one.
struct JournalWrite {
  JournalEntry entry;
  std::optional<TicketRecord> ticket;
};

class TicketJournal {
public:
  virtual ~TicketJournal() = default;
  // Sees every committed append, also while another thread is appending.
  virtual Result<std::optional<TicketRecord>, StoreError>
  find_ticket_by_key(const std::string &idempotency_key) = 0;
  // The entry, and the ticket it issued when there is one, in one transaction.
  // conflict: the ticket's number or idempotency key is taken.
  virtual std::optional<StoreError> append(const JournalEntry &entry,
                                           const TicketRecord *ticket) = 0;
  // Every write in order, in one transaction: all of them are committed, or
  // none (one commit, one flush to the disk for the lot: the group commit).
  virtual std::optional<StoreError>
  append_batch(const std::vector<JournalWrite> &writes) = 0;
  // What rebuilds the queue of `day`: the counter set-up entries of earlier
  // days, then every entry of the day, in the order they were appended.
  virtual Result<std::vector<JournalEntry>, StoreError>
  load_journal(const std::string &day) = 0;
};

struct RatingReceipt {
  bool replayed = false; // this UUID was stored before; nothing changed
  bool linked = false;   // the ticket number names a ticket issued that day
};

class RatingStore {
public:
  virtual ~RatingStore() = default;
  // conflict: another rating already names the same (linked) ticket.
  virtual Result<RatingReceipt, StoreError>
  store_rating(const Rating &rating, const std::string &kiosk_id,
               const std::string &received_at) = 0;
  // A linked rating names ticket `number` of `day`.
  virtual Result<bool, StoreError> ticket_rated(const std::string &day,
                                                const std::string &number) = 0;
};

struct OfficerRecord {
  std::string username;
  std::string display_name;
  std::string role;          // "officer", "chief", "technician"
  std::string salt;          // hex
  std::string password_hash; // hex PBKDF2-HMAC-SHA256
  int iterations = 0;
  std::string created_at;
};

struct SessionRecord {
  std::string token_hash;
  std::string username;
  std::string role;
  std::int64_t expires_at = 0; // Unix seconds
};

struct KioskRecord {
  std::string id;
  std::string name;
  std::string token_hash;
  std::string enrolled_at;
  std::optional<std::string> last_health; // JSON as the kiosk sent it
  std::optional<std::string> last_seen;
};

class AuthStore {
public:
  virtual ~AuthStore() = default;
  virtual std::optional<StoreError> add_officer(const OfficerRecord &officer) = 0;
  virtual Result<std::optional<OfficerRecord>, StoreError>
  find_officer(const std::string &username) = 0;
  virtual Result<std::vector<OfficerRecord>, StoreError> officers() = 0;

  virtual std::optional<StoreError> add_session(const SessionRecord &session) = 0;
  virtual std::optional<StoreError> remove_session(const std::string &token_hash) = 0;
  // Only an unexpired one; expired sessions are deleted on the way.
  virtual Result<std::optional<SessionRecord>, StoreError>
  find_session(const std::string &token_hash, std::int64_t now) = 0;

  virtual std::optional<StoreError> add_enrollment_code(const std::string &code_hash,
                                                        const std::string &created_by,
                                                        std::int64_t expires_at) = 0;
  // Uses the code and adds the kiosk atomically. not_found: the code is
  // unknown, used or expired.
  virtual std::optional<StoreError> enroll_kiosk(const std::string &code_hash,
                                                 std::int64_t now,
                                                 const KioskRecord &kiosk) = 0;
  virtual Result<std::optional<KioskRecord>, StoreError>
  find_kiosk_by_token(const std::string &token_hash) = 0;
  virtual std::optional<StoreError> record_kiosk_health(const std::string &kiosk_id,
                                                        const std::string &health_json,
                                                        const std::string &seen_at) = 0;
  virtual Result<std::vector<KioskRecord>, StoreError> kiosks() = 0;
};

class StationStore : public TicketJournal, public RatingStore, public AuthStore {};

// The SQLite store over DIR/station.db (see migrations.hpp).
Result<std::unique_ptr<StationStore>, StoreError>
open_sqlite_station_store(const std::filesystem::path &data_dir);

} // namespace motcua::station
