#pragma once
// The queue engine as the station's authority: one engine behind a lock, every
// accepted action journaled (committed, in a group commit: journal_writer.hpp)
// before it is acknowledged, and the day rebuilt from the journal on start-up.
// Listeners hear the engine's events in order, after each commit.
#include "net/protocol/catalog.hpp"
#include "net/protocol/offline_ticket.hpp"
#include "net/protocol/result.hpp"
#include "net/protocol/ticket.hpp"
#include "server/desk/journal_writer.hpp"
#include "server/queue/queue_engine.hpp"
#include "server/station_clock.hpp"
#include "server/storage/station_store.hpp"

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace motcua::station {

// A refusal as the API reports it.
struct DeskError {
  int status = 500;
  std::string code;
  std::string message;
};

enum class CounterAction { call_next, recall, start, done, no_show, transfer };

struct IssueOutcome {
  Ticket ticket;
  bool replayed = false; // the idempotency key had issued it before
};

struct DeskOptions {
  queue::QueueConfig config;
  bool always_issuing = false; // ignore the issuing windows (demos, tests)
};

struct DeskSnapshot {
  std::string day;
  std::vector<queue::Counter> counters;
  std::vector<queue::ServiceCount> counts;
  std::vector<queue::QueueTicket> open_tickets; // waiting, called or serving
};

struct TicketStatus {
  std::string number;
  std::string service_id; // the queue it is in now (after any transfer)
  std::string day;
  queue::TicketState state = queue::TicketState::waiting;
  std::string counter_id; // called or serving: where to go
  int people_ahead = 0;   // waiting only
  int estimated_wait_minutes = 0;
};

using QueueListener = std::function<void(const std::vector<queue::QueueEvent> &)>;

class QueueDesk {
public:
  // Replays today's journal. The journal must outlive the desk.
  static Result<std::unique_ptr<QueueDesk>, std::string>
  open(const Catalog &catalog, DeskOptions options, TicketJournal &journal, Clock clock);

  // Called on the journal writer's thread, in journal order, after the
  // commit and before the action is acknowledged: keep it short, never call
  // back in. Set it before the first action.
  void set_listener(QueueListener listener);

  Result<IssueOutcome, DeskError> issue(const TicketRequest &request);
  Result<queue::QueueTicket, DeskError> act(CounterAction action,
                                            const std::string &counter_id,
                                            const std::string &to_service = {});
  std::optional<DeskError> add_counter(const std::string &counter_id,
                                       const std::vector<std::string> &services);
  std::optional<DeskError> set_counter_services(const std::string &counter_id,
                                                const std::vector<std::string> &services);
  std::optional<DeskError> open_counter(const std::string &counter_id,
                                        const std::string &officer);
  std::optional<DeskError> close_counter(const std::string &counter_id);
  // Journaled, so a restart and the reports' replay call as the desk did;
  // from the next call on. The API checks n before (n < 1 is a bug here).
  std::optional<DeskError> set_priority_policy(queue::PriorityPolicy policy);
  queue::PriorityPolicy priority_policy();
  // The catalog's caps, issuing hours, averages and prefixes from now on (an
  // admin's saved edit), as a restart with it would run them; 409
  // numbers_in_use for a new prefix of a service that numbered today (see
  // QueueEngine::set_rules). Subscribers hear the counts again (the
  // estimates follow the averages). Not journaled: the catalog file is what
  // a restart reads.
  std::optional<DeskError> set_catalog(const Catalog &catalog);
  // `holder` (the kiosk's id) is journaled with the block: only that kiosk may
  // later upload tickets numbered from it. A `key` the holder used before
  // today for this service answers the same block (`replayed`) and leases
  // nothing new: a retry after a lost answer does not burn another block of
  // the day's numbers.
  struct LeaseOutcome {
    queue::SequenceBlock block;
    bool replayed = false;
  };
  Result<LeaseOutcome, DeskError> lease(const std::string &service_id, int count,
                                        const std::string &holder = {},
                                        const std::string &key = {});
  // A ticket `holder` issued from its lease while offline, placed in the line
  // by its issue time. Stored once per UUID: a replay answers the same ticket.
  // 409 not_leased: the number is outside every block `holder` holds today;
  // 409 wrong_day: issued on another station day; 409 duplicate_ticket: that
  // number is already in the queue under another UUID.
  Result<IssueOutcome, DeskError> insert_offline(const OfflineTicketUpload &ticket,
                                                 const std::string &holder);

  // The ticket issued today for `idempotency_key`, still waiting, taken out of
  // the line (QueueEngine::withdraw): the kiosk that asked for it gave up
  // waiting and printed a number from its lease. 404 unknown_ticket: none
  // was issued for the key; 409 wrong_state: a counter called it already;
  // 409 wrong_day. A second withdrawal answers the same (`replayed`).
  struct WithdrawOutcome {
    std::string number;
    bool replayed = false;
  };
  Result<WithdrawOutcome, DeskError> withdraw(const std::string &idempotency_key);

  DeskSnapshot snapshot();

  // Every ticket of the day `entries` describe (load_journal(day)), as a
  // fresh engine with the catalog's services ends up after replaying them:
  // what the reports count. Issuing windows are not checked again (each
  // entry passed them when it was made); entries that no longer apply are
  // skipped, as at start-up.
  static std::vector<queue::QueueTicket>
  replay_tickets(const Catalog &catalog, const queue::QueueConfig &config,
                 const std::vector<JournalEntry> &entries);

  // Today's ticket `number` as its holder may see it (the page behind the QR
  // code); nullopt when no such ticket was issued on `day` or `day` is over.
  std::optional<TicketStatus> ticket_status(const std::string &day,
                                            const std::string &number);

  // What one journal entry did to the engine.
  struct Applied {
    std::vector<queue::QueueEvent> events;
    std::optional<queue::QueueTicket> ticket;
    std::optional<queue::SequenceBlock> block;
  };

private:
  QueueDesk(queue::QueueEngine engine, std::vector<queue::ServiceRules> rules,
            TicketJournal &journal, Clock clock);
  Result<Applied, DeskError> run(JournalEntry entry, std::string issued_at = {},
                                 std::string idempotency_key = {});
  void rebuild();
  void await_pending_key(const std::string &key);
  // Replays `entries` into `engine`, collecting who holds which block.
  struct HeldBlock {
    std::string holder;
    queue::SequenceBlock block;
    std::string key; // the kiosk's idempotency key for the request, if any
  };
  static void replay(queue::QueueEngine &engine, const std::vector<JournalEntry> &entries,
                     std::vector<HeldBlock> &held, bool log_failures);
  IssueOutcome stored_ticket(const TicketRecord &record) const;
  Ticket to_ticket(const queue::QueueTicket &t, std::string issued_at) const;

  std::mutex mutex_;
  queue::QueueEngine engine_;
  queue::QueueConfig base_config_; // before the journal's policy changes
  std::vector<queue::ServiceRules> rules_;
  bool always_issuing_ = false; // DeskOptions: the catalog's windows are ignored
  TicketJournal &journal_;
  Clock clock_;
  QueueListener listener_;
  std::vector<HeldBlock> held_; // today's leases and their kiosks
  // Last: its thread stops (committing what is queued) before the rest goes.
  std::unique_ptr<JournalWriter> writer_;
};

const char *to_string(CounterAction action);

} // namespace motcua::station
