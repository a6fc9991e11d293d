#include "net/journal/outbox.hpp"

#include <algorithm>
#include <deque>
#include <mutex>
#include <utility>

namespace motcua::net {

struct Outbox::Inbox {
  std::mutex mutex;
  std::deque<std::pair<std::string, SendResult>> answers; // guarded by mutex
  std::function<void()> wake;
};

Outbox::Outbox(OutboxSource &source, std::function<void()> wake,
               std::function<double()> random,
               std::function<void(const std::string &)> log, OutboxOptions options)
    : source_(source), random_(std::move(random)), log_(std::move(log)),
      options_(options), inbox_(std::make_shared<Inbox>()), schedule_(options.backoff) {
  inbox_->wake = std::move(wake);
  if (options_.window == 0)
    options_.window = 1;
}

void Outbox::settle(const std::string &id, const SendResult &result,
                    OutboxClock::time_point now, std::int64_t wall_ms) {
  in_flight_.erase(id);
  dirty_ = true;
  const std::string what(source_.what());
  switch (classify_answer(result.ok, result.answered, result.http_status)) {
  case Delivery::acknowledged:
    schedule_.on_success();
    ++stats_.acknowledged;
    // Not marked (a crash, a full disk): it goes again, and the station's
    // UUID key keeps it once.
    if (auto e = source_.mark_sent(id, wall_ms))
      log_("outbox: " + e->message);
    break;
  case Delivery::retry:
    ++stats_.failed_attempts;
    schedule_.on_failure(now, random_());
    log_("outbox: " + what + " " + id + " not delivered (" + result.message +
         "); retry in " +
         std::to_string(
             std::chrono::duration_cast<Millis>(*schedule_.retry_at() - now).count()) +
         " ms");
    break;
  case Delivery::rejected:
    ++stats_.rejected;
    log_("outbox: the station refused " + what + " " + id + " for good (HTTP " +
         std::to_string(result.http_status) + ": " + result.message +
         "); kept in the journal, not sent again");
    if (auto e = source_.mark_rejected(id, result.message, wall_ms))
      log_("outbox: " + e->message);
    break;
  }
}

void Outbox::pump(OutboxClock::time_point now, std::int64_t wall_ms) {
  std::deque<std::pair<std::string, SendResult>> answers;
  {
    std::lock_guard lock(inbox_->mutex);
    answers.swap(inbox_->answers);
  }
  for (const auto &[id, result] : answers)
    settle(id, result, now, wall_ms);

  if (!last_prune_ || now - *last_prune_ >= options_.prune_every) {
    last_prune_ = now;
    auto pruned = source_.prune_settled(wall_ms - options_.retention.count());
    if (!pruned)
      log_("outbox: " + pruned.error().message);
    else
      stats_.pruned += *pruned;
  }

  if (!dirty_ || !schedule_.may_send(now) || in_flight_.size() >= options_.window)
    return;
  auto unsent = source_.unsent(options_.window + in_flight_.size());
  if (!unsent) {
    log_("outbox: " + unsent.error().message);
    return; // dirty_ stays: the next event looks again
  }
  dirty_ = false;
  std::vector<std::string> ids;
  for (const auto &r : *unsent)
    ids.push_back(r.id);
  const auto picks = pick_to_send(ids, in_flight_, options_.window);
  for (auto &record : *unsent) {
    if (std::find(picks.begin(), picks.end(), record.id) == picks.end())
      continue;
    in_flight_.insert(record.id);
    std::weak_ptr<Inbox> inbox = inbox_;
    record.start([inbox, id = record.id](SendResult result) {
      auto box = inbox.lock();
      if (!box)
        return; // the outbox is gone; the journal still holds it unsent
      {
        std::lock_guard lock(box->mutex);
        box->answers.emplace_back(id, std::move(result));
      }
      if (box->wake)
        box->wake();
    });
  }
}

std::optional<OutboxClock::time_point> Outbox::next_wake() const {
  // A full window waits for its answers, which wake the loop themselves: a
  // retry time already past must not spin it.
  if (!dirty_ || in_flight_.size() >= options_.window)
    return std::nullopt;
  return schedule_.retry_at();
}

} // namespace motcua::net
