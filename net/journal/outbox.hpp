#pragma once
// Sends a journal table's unsent records to the station and settles each one
// only on the station's answer: the one outbox behind ratings and offline
// tickets. The owner thread calls pump(); a sender may answer from any thread
// (the station client's io thread): answers wait in a locked inbox, `wake`
// tells the owner to pump again.
#include "net/journal/journal.hpp"
#include "net/journal/outbox_policy.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::net {

struct SendResult {
  bool ok = false;       // the station committed it
  bool answered = false; // the station sent an HTTP answer (http_status is set)
  int http_status = 0;
  std::string message; // for the log
};
using SendDone = std::function<void(SendResult)>;

struct OutboxOptions {
  BackoffPolicy backoff;
  std::size_t window = 4;                   // sends in flight together
  Millis retention{7LL * 24 * 3600 * 1000}; // settled records kept this long
  Millis prune_every{3600LL * 1000};
};

struct OutboxStats {
  std::int64_t acknowledged = 0;
  std::int64_t failed_attempts = 0;
  std::int64_t rejected = 0;
  std::int64_t pruned = 0;
};

// One unsent record, ready to go: `start` sends it and calls back once.
struct PendingSend {
  std::string id;
  std::function<void(SendDone)> start;
};

// The journal table behind an outbox (ratings, offline tickets).
class OutboxSource {
public:
  virtual ~OutboxSource() = default;
  virtual std::string_view what() const = 0; // "rating", for the log
  // Oldest first.
  virtual Result<std::vector<PendingSend>, JournalError> unsent(std::size_t limit) = 0;
  virtual std::optional<JournalError> mark_sent(const std::string &id,
                                                std::int64_t now_ms) = 0;
  virtual std::optional<JournalError>
  mark_rejected(const std::string &id, const std::string &why, std::int64_t now_ms) = 0;
  virtual Result<std::int64_t, JournalError> prune_settled(std::int64_t before_ms) = 0;
};

class Outbox {
public:
  // `random` returns a number in [0, 1) for the jitter; `log` takes one line.
  // The source must outlive the outbox.
  Outbox(OutboxSource &source, std::function<void()> wake, std::function<double()> random,
         std::function<void(const std::string &)> log, OutboxOptions options = {});

  // A record was just added to the journal: look again on the next pump.
  void notify_added() { dirty_ = true; }
  // Owner thread: settles the answers that came in, prunes when due, starts
  // the sends that are due. `wall_ms` stamps the journal.
  void pump(OutboxClock::time_point now, std::int64_t wall_ms);
  // When pump must run again without any other event (a retry); nothing: only
  // on wake() or notify_added().
  std::optional<OutboxClock::time_point> next_wake() const;

  std::size_t in_flight() const { return in_flight_.size(); }
  const OutboxStats &stats() const { return stats_; }
  const OutboxSchedule &schedule() const { return schedule_; }

private:
  struct Inbox;
  void settle(const std::string &id, const SendResult &result,
              OutboxClock::time_point now, std::int64_t wall_ms);

  OutboxSource &source_;
  std::function<double()> random_;
  std::function<void(const std::string &)> log_;
  OutboxOptions options_;
  std::shared_ptr<Inbox> inbox_; // shared with callbacks that may outlive us
  OutboxSchedule schedule_;
  std::set<std::string> in_flight_;
  bool dirty_ = true; // the journal may hold something to send
  std::optional<OutboxClock::time_point> last_prune_;
  OutboxStats stats_;
};

} // namespace motcua::net
