#pragma once
// Keeps this kiosk holding numbers for every service while the station is
// reachable: when a service's unissued leased numbers fall below a threshold,
// it asks for another block (POST /api/v1/leases) and journals it. Owner
// thread only; answers may come from any thread and wait in an inbox, like
// the outbox's. Failures back off with the outbox's policy.
#include "net/journal/journal.hpp"
#include "net/journal/outbox.hpp"
#include "net/journal/outbox_policy.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace motcua::net {

struct LeasePolicy {
  int block_size = 10;  // numbers asked for at a time
  int refill_below = 4; // ask again when fewer are left unissued
  BackoffPolicy backoff;
};

// Pure: the services (in catalog order) to ask a block for now.
std::vector<std::string> services_to_lease(const std::vector<std::string> &services,
                                           const std::map<std::string, int> &remaining,
                                           const std::set<std::string> &in_flight,
                                           int refill_below);

// The station's answer to one lease request: a block, or why not.
using LeaseDone = std::function<void(Result<LeaseBlock, SendResult>)>;
// `key` names the request: the same until the station answered a block, so a
// retry after a lost answer gets that block back instead of a new one.
using LeaseRequester = std::function<void(const std::string &service_id, int count,
                                          const std::string &key, LeaseDone done)>;

class LeaseKeeper {
public:
  LeaseKeeper(Journal &journal, LeaseRequester requester, std::function<void()> wake,
              std::function<double()> random,
              std::function<void(const std::string &)> log, LeasePolicy policy = {});
  ~LeaseKeeper();

  // The catalog's services; none before the catalog arrives.
  void set_services(std::vector<std::string> services);
  // A number was issued from a lease: look again on the next pump.
  void notify_taken() { dirty_ = true; }
  // `local_today` is the kiosk's local day ("2026-11-28"). The day that counts
  // is the station's, learnt from its blocks (the two differ when their time
  // zones do): blocks of other days do not count, earlier ones are pruned when
  // the station's day moves on. Until the station named its day, and again
  // after each local midnight, the local day stands in for it.
  void pump(OutboxClock::time_point now, std::int64_t wall_ms,
            const std::string &local_today);
  // The day to issue offline tickets for.
  const std::string &day() const {
    return station_day_.empty() ? local_day_ : station_day_;
  }
  std::optional<OutboxClock::time_point> next_wake() const;

  std::size_t in_flight() const { return in_flight_.size(); }
  const std::map<std::string, int> &remaining() const { return remaining_; }

private:
  struct Inbox;
  Journal &journal_;
  LeaseRequester requester_;
  std::function<double()> random_;
  std::function<void(const std::string &)> log_;
  LeasePolicy policy_;
  std::shared_ptr<Inbox> inbox_;
  OutboxSchedule schedule_;
  std::vector<std::string> services_;
  std::set<std::string> in_flight_;
  std::map<std::string, int> remaining_;
  std::string local_day_;
  std::string station_day_; // of the last block the station granted
  bool dirty_ = true;
  std::map<std::string, std::string> keys_; // per service: the request not yet answered
  std::mt19937_64 key_source_{std::random_device{}()};
};

} // namespace motcua::net
