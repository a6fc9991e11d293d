#include "server/desk/journal_writer.hpp"

#include "server/log.hpp"

#include <utility>
#include <vector>

namespace motcua::station {

struct JournalWriter::Pending {
  std::optional<JournalWrite> write;
  std::function<void()> after_commit;
  bool done = false; // guarded by the writer's mutex
  std::optional<StoreError> error;
};

JournalWriter::JournalWriter(TicketJournal &journal, FailureHandler on_failure)
    : journal_(journal), on_failure_(std::move(on_failure)), thread_([this] { run(); }) {}

JournalWriter::~JournalWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_.notify_one();
  thread_.join();
}

JournalWriter::Handle JournalWriter::submit(std::optional<JournalWrite> write,
                                            std::function<void()> after_commit) {
  auto pending = std::make_shared<Pending>();
  pending->write = std::move(write);
  pending->after_commit = std::move(after_commit);
  {
    std::lock_guard lock(mutex_);
    if (pending->write && pending->write->ticket &&
        !pending->write->ticket->idempotency_key.empty())
      keys_[pending->write->ticket->idempotency_key] = pending;
    queue_.push_back(pending);
  }
  work_.notify_one();
  return pending;
}

std::optional<StoreError> JournalWriter::wait(const Handle &pending) {
  std::unique_lock lock(mutex_);
  done_.wait(lock, [&] { return pending->done; });
  return pending->error;
}

JournalWriter::Handle JournalWriter::pending_key(const std::string &idempotency_key) {
  std::lock_guard lock(mutex_);
  auto found = keys_.find(idempotency_key);
  return found == keys_.end() ? nullptr : found->second;
}

void JournalWriter::fail_queued(const StoreError &error) {
  std::deque<Handle> failed;
  {
    std::lock_guard lock(mutex_);
    failed.swap(queue_);
  }
  finish(failed, error);
}

// Marks items done and releases their waiters. A key leaves keys_ only now:
// once committed, the store's lookup finds it; once failed, nobody has it.
void JournalWriter::finish(const std::deque<Handle> &items,
                           const std::optional<StoreError> &error) {
  if (items.empty())
    return;
  {
    std::lock_guard lock(mutex_);
    for (const Handle &item : items) {
      item->done = true;
      item->error = error;
      if (item->write && item->write->ticket) {
        auto found = keys_.find(item->write->ticket->idempotency_key);
        if (found != keys_.end() && found->second == item)
          keys_.erase(found);
      }
    }
  }
  done_.notify_all();
}

void JournalWriter::run() {
  std::vector<JournalWrite> writes;
  while (true) {
    std::deque<Handle> batch;
    {
      std::unique_lock lock(mutex_);
      work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty())
        return; // stopping, and everything queued was written
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    // Copies: a failed batch's writes are still named by keys_ until finish().
    writes.clear();
    for (const Handle &item : batch)
      if (item->write)
        writes.push_back(*item->write);
    std::optional<StoreError> error;
    if (!writes.empty())
      error = journal_.append_batch(writes);
    if (error) {
      log_problem("queue journal (" + std::string(to_string(error->code)) +
                  "): " + error->message + "; " + std::to_string(writes.size()) +
                  " write(s) refused");
      finish(batch, error);
      on_failure_(*error);
      continue;
    }
    for (const Handle &item : batch)
      if (item->after_commit)
        item->after_commit();
    finish(batch, std::nullopt);
  }
}

} // namespace motcua::station
