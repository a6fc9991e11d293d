#include "net/journal/lease_keeper.hpp"

#include <cstdio>
#include <deque>
#include <mutex>

namespace motcua::net {

std::vector<std::string> services_to_lease(const std::vector<std::string> &services,
                                           const std::map<std::string, int> &remaining,
                                           const std::set<std::string> &in_flight,
                                           int refill_below) {
  std::vector<std::string> out;
  for (const auto &id : services) {
    if (in_flight.contains(id))
      continue;
    auto left = remaining.find(id);
    if (left == remaining.end() || left->second < refill_below)
      out.push_back(id);
  }
  return out;
}

struct LeaseKeeper::Inbox {
  std::mutex mutex;
  std::deque<std::pair<std::string, Result<LeaseBlock, SendResult>>> answers;
  std::function<void()> wake;
};

LeaseKeeper::LeaseKeeper(Journal &journal, LeaseRequester requester,
                         std::function<void()> wake, std::function<double()> random,
                         std::function<void(const std::string &)> log, LeasePolicy policy)
    : journal_(journal), requester_(std::move(requester)), random_(std::move(random)),
      log_(std::move(log)), policy_(policy), inbox_(std::make_shared<Inbox>()),
      schedule_(policy.backoff) {
  inbox_->wake = std::move(wake);
  if (policy_.block_size < 1)
    policy_.block_size = 1;
}

LeaseKeeper::~LeaseKeeper() = default;

void LeaseKeeper::set_services(std::vector<std::string> services) {
  services_ = std::move(services);
  dirty_ = true;
}

void LeaseKeeper::pump(OutboxClock::time_point now, std::int64_t wall_ms,
                       const std::string &local_today) {
  if (local_today != local_day_) {
    // A new local day may be a new station day: ask, and learn it again.
    local_day_ = local_today;
    station_day_.clear();
    dirty_ = true;
  }
  std::deque<std::pair<std::string, Result<LeaseBlock, SendResult>>> answers;
  {
    std::lock_guard lock(inbox_->mutex);
    answers.swap(inbox_->answers);
  }
  for (auto &[service, answer] : answers) {
    in_flight_.erase(service);
    dirty_ = true;
    if (!answer) {
      schedule_.on_failure(now, random_());
      log_("leases: no block for service " + service + " (" + answer.error().message +
           ")");
      continue;
    }
    schedule_.on_success();
    keys_.erase(service); // answered: the next block is a new request
    if (answer->day != station_day_) {
      // Counting blocks of another day than the station's would ask again
      // and again, until the service's numbers are all leased.
      station_day_ = answer->day;
      if (auto pruned = journal_.prune_leases(station_day_); !pruned)
        log_("leases: " + pruned.error().message);
    }
    if (auto e = journal_.add_lease(*answer, wall_ms)) {
      // The numbers stay unused on the station: a gap, never a duplicate.
      log_("leases: " + e->message);
      continue;
    }
    log_("leases: service " + service + " holds " + std::to_string(answer->first) + ".." +
         std::to_string(answer->last) + " of " + answer->day);
  }
  if (!dirty_ || !schedule_.may_send(now))
    return;
  auto remaining = journal_.lease_remaining(day());
  if (!remaining) {
    log_("leases: " + remaining.error().message);
    return;
  }
  remaining_ = std::move(remaining).value();
  dirty_ = false;
  for (const auto &service :
       services_to_lease(services_, remaining_, in_flight_, policy_.refill_below)) {
    in_flight_.insert(service);
    std::string &key = keys_[service];
    if (key.empty()) {
      // 128 random bits: a key the station never saw from this kiosk, also
      // after a restart (which forgets the keys, and with them at most one
      // block per service).
      char text[40];
      std::snprintf(text, sizeof text, "%016llx%016llx",
                    static_cast<unsigned long long>(key_source_()),
                    static_cast<unsigned long long>(key_source_()));
      key = text;
    }
    std::weak_ptr<Inbox> inbox = inbox_;
    requester_(service, policy_.block_size, key,
               [inbox, service](Result<LeaseBlock, SendResult> answer) {
                 auto box = inbox.lock();
                 if (!box)
                   return;
                 {
                   std::lock_guard lock(box->mutex);
                   box->answers.emplace_back(service, std::move(answer));
                 }
                 if (box->wake)
                   box->wake();
               });
  }
}

std::optional<OutboxClock::time_point> LeaseKeeper::next_wake() const {
  // After a failure the services still short must be asked again; answers
  // still out wake the loop themselves.
  if (!dirty_)
    return std::nullopt;
  return schedule_.retry_at();
}

} // namespace motcua::net
