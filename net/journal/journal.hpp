#pragma once
// The kiosk's durable journal: one SQLite file (WAL, synchronous=FULL) holding
// ratings until the station acknowledged them, the number blocks the station
// leased to this kiosk, and the tickets issued from them while offline until
// the station stored them. A committed entry survives a
// power cut; nothing is reported stored before its commit returned.
// Not thread-safe: one owner (the kiosk's UI thread) uses it.
#include "net/protocol/offline_ticket.hpp"
#include "net/protocol/rating.hpp"
#include "net/protocol/result.hpp"

#include <cstdint>
#include <map>
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
constexpr int kJournalSchemaVersion = 4;

struct JournalCounts {
  std::int64_t unsent_ratings = 0;
  std::int64_t sent_ratings = 0; // acknowledged, kept until pruned
  std::int64_t rejected_ratings =
      0; // refused for good by the station, kept for technicians
  std::int64_t unsent_tickets = 0; // issued offline, not yet stored by the station
  std::int64_t sent_tickets = 0;
  std::int64_t rejected_tickets = 0;
};

// Sequences the station reserved for this kiosk on one station day.
struct LeaseBlock {
  std::string service_id;
  std::string day; // "2026-11-28"
  int first = 0;   // inclusive
  int last = 0;
};

// A ticket issued from a lease: what was printed, and what goes to the station.
struct OfflineTicketRecord {
  OfflineTicketUpload upload;
  std::string number; // "A007", as printed
  std::string day;
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
  // Deletes sent and rejected ratings settled before `before_ms`; returns how many.
  Result<std::int64_t, JournalError> prune_settled(std::int64_t before_ms);
  Result<JournalCounts, JournalError> counts();

  // --- leases and offline tickets (migration 2) ---
  // Keeps the block; the same block (service, day, first) twice is kept once.
  std::optional<JournalError> add_lease(const LeaseBlock &block, std::int64_t now_ms);
  // Numbers not yet issued from `day`'s blocks, per service (absent: none).
  Result<std::map<std::string, int>, JournalError>
  lease_remaining(const std::string &day);
  // In one transaction: takes the next unissued number of `service_id`'s
  // blocks of `upload_day`, the blocks spent in the order they were received
  // (the station cuts them downwards from 999, so the oldest is the highest;
  // numbers rise within a block), and journals the ticket with `upload`'s id, time and
  // priority (its sequence is filled in). Nothing when no number is left: the
  // kiosk then says so rather than invent one. A number is issued once, even
  // across power cuts: it is taken and journaled in the same commit.
  Result<std::optional<OfflineTicketRecord>, JournalError>
  issue_from_lease(const std::string &day, const std::string &number_prefix,
                   OfflineTicketUpload upload, std::int64_t now_ms);
  // Unsent offline tickets, oldest first.
  Result<std::vector<OfflineTicketRecord>, JournalError>
  unsent_tickets(std::size_t limit);
  std::optional<JournalError> mark_ticket_sent(const std::string &id,
                                               std::int64_t now_ms);
  std::optional<JournalError> mark_ticket_rejected(const std::string &id,
                                                   const std::string &why,
                                                   std::int64_t now_ms);
  // Deletes tickets settled before `before_ms`; returns how many.
  Result<std::int64_t, JournalError> prune_settled_tickets(std::int64_t before_ms);
  // Deletes blocks of days before `today`: their numbers can no longer be issued.
  Result<std::int64_t, JournalError> prune_leases(const std::string &today);

  // --- what the kiosk last heard from the station (migration 3) ---
  // Kept so that a kiosk started while the station is down still serves
  // (the catalog: "catalog"). Replaces an older value.
  std::optional<JournalError> put_cached(const std::string &key, const std::string &value,
                                         std::int64_t now_ms);
  Result<std::optional<std::string>, JournalError> cached(const std::string &key);

  // --- tickets the station may hold for taps served from a lease (migration 4) ---
  // The tap's idempotency key, to withdraw the station's ticket for it
  // (POST /api/v1/tickets/withdraw). Adding a key twice keeps the first.
  std::optional<JournalError> add_withdrawal(const std::string &key, std::int64_t now_ms);
  // Unsent keys, oldest first.
  Result<std::vector<std::string>, JournalError> unsent_withdrawals(std::size_t limit);
  std::optional<JournalError> mark_withdrawal_sent(const std::string &key,
                                                   std::int64_t now_ms);
  std::optional<JournalError> mark_withdrawal_rejected(const std::string &key,
                                                       const std::string &why,
                                                       std::int64_t now_ms);
  Result<std::int64_t, JournalError> prune_settled_withdrawals(std::int64_t before_ms);

private:
  Journal(sqlite3 *db, std::string path) : db_(db), path_(std::move(path)) {}
  Result<std::int64_t, JournalError> prune_settled_rows(const char *table,
                                                        std::int64_t before_ms);
  JournalError error(JournalError::Kind kind, const std::string &what) const;
  std::optional<JournalError> exec(const char *sql);

  sqlite3 *db_ = nullptr;
  std::string path_;
};

} // namespace motcua::net
