#pragma once
// The station's queue: issuing, calling, serving and transferring tickets for
// one station day. Pure: no clock, no I/O, not thread-safe (one owner). Each
// action takes the station-local time; the first action on a later day ends
// the previous day (open tickets expire, sequences restart, counters close).
#include "net/protocol/result.hpp"
#include "server/queue/priority_policy.hpp"
#include "server/queue/queue_error.hpp"
#include "server/queue/queue_event.hpp"
#include "server/queue/queue_ticket.hpp"
#include "server/queue/service_rules.hpp"
#include "server/queue/service_times.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::station::queue {

struct QueueConfig {
  PriorityPolicy policy = PriorityPolicy::strict();
  int max_recalls = 3;            // recalls of one call
  int recalls_before_no_show = 2; // 0: no-show right after the call
  // Where a transferred ticket joins the new line: keep_arrival keeps its
  // original issue time (it already waited once); at_transfer_time joins the end.
  enum class TransferPlacement { keep_arrival, at_transfer_time };
  TransferPlacement transfer_placement = TransferPlacement::keep_arrival;
  int service_time_window = 10; // K last durations averaged for the estimate
};

// A range of sequences reserved for a kiosk that may issue while offline.
// Blocks are cut from the top of the number range (999, 998, ...), so they
// never hold a number online issuing hands out.
struct SequenceBlock {
  std::string service_id;
  std::string day;
  int first = 0; // printed numbers, inclusive
  int last = 0;
};

struct OfflineTicket {
  std::string service_id;
  int sequence = 0; // from a leased block
  std::string priority_group;
  StationTime issued_at; // the kiosk's time; orders it in the line
};

using EventsResult = Result<std::vector<QueueEvent>, QueueError>;
using UpdateResult = Result<QueueUpdate, QueueError>;

class QueueEngine {
public:
  static Result<QueueEngine, QueueError> create(std::vector<ServiceRules> services,
                                                QueueConfig config = {});

  // Ends the current day when now is on a later one. The server calls this from
  // a timer at midnight; every action below also does it first.
  EventsResult advance_to(const StationTime &now);

  // Tickets.
  UpdateResult issue(std::string_view service_id, std::string_view priority_group,
                     const StationTime &now);
  Result<SequenceBlock, QueueError> lease_block(std::string_view service_id, int count,
                                                const StationTime &now);
  UpdateResult insert_offline(const OfflineTicket &ticket, const StationTime &now);
  // Today's waiting ticket `number` as if it had never been issued: a kiosk
  // that gave up waiting for the answer printed a number from its lease
  // instead, and nobody holds this one. Its number stays used (never issued
  // again). unknown_ticket when there is none (or it went already),
  // wrong_state once a counter called it. The events: the counts.
  UpdateResult withdraw(std::string_view number, const StationTime &now);

  // The services' rules from now on (an admin's edit): the same services in
  // the same order. Caps, windows and averages apply to the next ticket and
  // estimate. A service that issued or leased numbers today keeps its prefix
  // and range (numbers_in_use): today's tickets are replayed after a restart
  // with the rules of the file, and must come out with the numbers they
  // were printed with.
  std::optional<QueueError> set_rules(std::vector<ServiceRules> services,
                                      const StationTime &now);

  // Off while the journal is replayed: what it holds was admitted when it
  // happened, and issuing hours or a cap changed since must not drop it.
  void set_admission_checks(bool on) { admission_checks_ = on; }

  // From the next call on; counters keep their count of normal calls since
  // their last priority one. Persists across days, like counters.
  EventsResult set_priority_policy(PriorityPolicy policy, const StationTime &now);

  // Counters. Counters persist across days; the day's end closes them.
  EventsResult add_counter(std::string_view counter_id, std::vector<std::string> services,
                           const StationTime &now);
  EventsResult set_counter_services(std::string_view counter_id,
                                    std::vector<std::string> services,
                                    const StationTime &now);
  EventsResult open_counter(std::string_view counter_id, const StationTime &now);
  EventsResult close_counter(std::string_view counter_id, const StationTime &now);
  EventsResult login_officer(std::string_view counter_id, std::string_view officer,
                             const StationTime &now); // empty officer: log out

  // Counter actions on the counter's current ticket.
  UpdateResult call_next(std::string_view counter_id, const StationTime &now);
  UpdateResult recall(std::string_view counter_id, const StationTime &now);
  UpdateResult start(std::string_view counter_id, const StationTime &now);
  UpdateResult done(std::string_view counter_id, const StationTime &now);
  UpdateResult no_show(std::string_view counter_id, const StationTime &now);
  UpdateResult transfer(std::string_view counter_id, std::string_view to_service,
                        const StationTime &now);

  // Queries on the current day.
  const std::string &day() const { return day_; }
  const QueueTicket *find_ticket(TicketId id) const;
  std::vector<QueueTicket> tickets() const; // today's, by id
  const Counter *find_counter(std::string_view counter_id) const;
  std::vector<Counter> counters() const;
  int waiting_count(std::string_view service_id) const;
  std::vector<ServiceCount> counts() const; // every service, in catalog order
  // counts() as the event subscribers hear after each change to the lines.
  QueueEvent counts_event(const StationTime &now) const;
  Result<int, QueueError> people_ahead(TicketId id) const;
  Result<WaitEstimate, QueueError> estimated_wait(TicketId id) const;
  // For a ticket issued now without priority.
  Result<WaitEstimate, QueueError> estimated_wait(std::string_view service_id) const;
  const QueueConfig &config() const { return config_; }

private:
  // A waiting ticket's place in its line: FIFO by arrival (second of the
  // day), ids breaking ties, so begin() is the next one to call.
  using LinePlace = std::pair<int, TicketId>;
  struct ServiceDay {
    ServiceRules rules;
    // Online numbers count up from first_number, leased blocks down from
    // last_number: the day's first online ticket is 001 whatever was leased,
    // and the two meet only when the capacity is spent. Both count against it.
    int issued = 0; // online sequences issued today
    int leased = 0; // sequences leased today
    std::vector<SequenceBlock> leases;
    ServiceTimes times;
    // The waiting tickets of this service, normal [0] and priority [1]. Kept
    // in step with the tickets' states so that issuing, calling and counting
    // do not scan the whole day (thousands of tickets on a busy one).
    std::set<LinePlace> waiting[2];
  };

  QueueEngine(std::vector<ServiceRules> services, QueueConfig config);
  // A service's day before its first action: nothing issued, leased or timed.
  ServiceDay fresh_day(ServiceRules rules) const;

  // Every action starts here: refuses an earlier day, ends a finished one.
  std::optional<QueueError> enter(const StationTime &now);
  ServiceDay *service(std::string_view id);
  const ServiceDay *service(std::string_view id) const;
  Counter *counter(std::string_view id);
  Result<Counter *, QueueError> counter_with_ticket(std::string_view id);
  QueueTicket &add_ticket(QueueTicket ticket);
  // A waiting ticket leaves its line (it was called).
  void leave_line(const QueueTicket &ticket);
  WaitEstimate estimate(const ServiceDay &service, bool is_priority, int same_class_ahead,
                        int other_class_waiting) const;
  QueueEvent ticket_event(QueueEvent::Kind kind, const QueueTicket &ticket,
                          const StationTime &now, const Counter *counter) const;
  UpdateResult finish(QueueEvent event, const QueueTicket &ticket,
                      const StationTime &now);
  EventsResult finish_counter(const Counter &counter, const StationTime &now);
  void roll_over(const StationTime &now);

  QueueConfig config_;
  bool admission_checks_ = true;
  std::vector<ServiceDay> services_; // catalog order
  std::vector<Counter> counters_;
  std::map<TicketId, QueueTicket> tickets_; // today's
  std::string day_;
  TicketId next_id_ = 1;
  std::vector<QueueEvent> pending_; // a rollover's events, until an action succeeds
};

} // namespace motcua::station::queue
