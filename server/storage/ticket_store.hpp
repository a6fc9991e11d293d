#pragma once
// Where issued tickets live. The interface is narrow on purpose: the station
// embeds SQLite today, and a province-wide PostgreSQL backend can implement
// the same calls later. Implementations are safe to call from several threads.
#include "net/protocol/catalog.hpp"
#include "net/protocol/result.hpp"
#include "net/protocol/ticket.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace motcua::station {

struct StoreError {
  enum class Code {
    cannot_open,          // the database file cannot be opened or configured
    schema_too_new,       // written by a newer station version
    daily_cap_reached,    // the service has issued its daily_cap tickets today
    idempotency_conflict, // the key was used for a different request
    storage_error         // any other SQLite failure
  };
  Code code = Code::storage_error;
  std::string message; // for logs; may name SQLite internals
};

const char *to_string(StoreError::Code code);

struct IssueRequest {
  const Service *service = nullptr; // from the station's catalog
  std::optional<std::string> priority_group;
  std::string idempotency_key; // empty: no replay protection
  std::string day;             // station-local day key, "2026-11-28"
  std::string issued_at;       // station-local RFC 3339 timestamp
};

struct IssuedTicket {
  Ticket ticket;         // estimated_wait_minutes is left 0: the store does not estimate
  bool replayed = false; // the idempotency key had already issued this ticket
};

class TicketStore {
public:
  virtual ~TicketStore() = default;
  // Assigns the next number of (day, service) atomically and durably, or
  // returns the ticket already issued for the same idempotency key.
  virtual Result<IssuedTicket, StoreError> issue(const IssueRequest &request) = 0;
};

inline constexpr int kTicketStoreSchemaVersion = 1;

// Opens (creating when missing) DIR/station.db in WAL mode with
// synchronous=FULL and applies the numbered migrations.
Result<std::unique_ptr<TicketStore>, StoreError>
open_sqlite_ticket_store(const std::filesystem::path &data_dir);

inline constexpr const char *kStationDatabaseFile = "station.db";

} // namespace motcua::station
