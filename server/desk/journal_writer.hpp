#pragma once
// The group commit behind the queue desk. The desk applies an action to its
// engine and queues the journal write here, under its own lock, in journal
// order; a writer thread commits everything queued at that moment in one
// transaction (one flush to the disk for the lot), and only then releases the
// callers waiting on those writes. A flush costs the same for one ticket as
// for fifty, so under load the station acknowledges many tickets per flush
// instead of queueing every ticket behind the previous one's flush.
//
// A failed batch fails every write queued after it as well (they were applied
// on top of it); the on_failure callback puts the desk back on what the
// journal holds before anything new is queued.
#include "server/storage/station_store.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>

namespace motcua::station {

class JournalWriter {
public:
  struct Pending;
  using Handle = std::shared_ptr<Pending>;
  // Runs on the writer thread after a failed batch, before the next one:
  // take the desk's lock, call fail_queued(), rebuild the engine.
  using FailureHandler = std::function<void(const StoreError &)>;

  static constexpr std::size_t kMaxBatch = 512;

  JournalWriter(TicketJournal &journal, FailureHandler on_failure);
  ~JournalWriter(); // commits what is queued, then stops the thread
  JournalWriter(const JournalWriter &) = delete;
  JournalWriter &operator=(const JournalWriter &) = delete;

  // Queues `write` (nullopt: nothing to store, only after_commit to run in
  // order). after_commit runs on the writer thread once the write is
  // committed, in queue order, before its waiter is released; never when it
  // fails.
  Handle submit(std::optional<JournalWrite> write,
                std::function<void()> after_commit = {});

  // Blocks until the write is committed (nullopt) or has failed.
  std::optional<StoreError> wait(const Handle &pending);

  // A queued or uncommitted ticket with this idempotency key, if any: a retry
  // must wait for it rather than issue a second ticket (the key is unique).
  Handle pending_key(const std::string &idempotency_key);

  // Fails everything queued and not yet being written (see FailureHandler).
  void fail_queued(const StoreError &error);

private:
  void run();
  void finish(const std::deque<Handle> &items, const std::optional<StoreError> &error);

  TicketJournal &journal_;
  FailureHandler on_failure_;
  std::mutex mutex_;
  std::condition_variable work_;
  std::condition_variable done_;
  std::deque<Handle> queue_;
  std::unordered_map<std::string, Handle> keys_; // queued or being written
  bool stopping_ = false;
  std::thread thread_; // last: started once the rest exists
};

} // namespace motcua::station
