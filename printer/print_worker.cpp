#include "printer/print_worker.hpp"

namespace motcua::printer {

PrintWorker::PrintWorker(Send send) : send_(std::move(send)) {
  thread_ = std::thread([this] { run(); });
}

PrintWorker::~PrintWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PrintWorker::submit(PrintJob job, std::function<void(PrintOutcome)> done) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      pending_.push_back({std::move(job), std::move(done)});
      wake_.notify_all();
      return;
    }
  }
  if (done)
    done(PrintOutcome{false, 0, "printer is shutting down"});
}

bool PrintWorker::pause(std::chrono::milliseconds how_long) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, how_long, [this] { return stopping_; });
}

void PrintWorker::run() {
  for (;;) {
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
    if (stopping_) {
      auto left = std::move(pending_);
      lock.unlock();
      for (auto &p : left)
        if (p.done)
          p.done(PrintOutcome{false, 0, "printer shut down before the job was sent"});
      return;
    }
    Pending p = std::move(pending_.front());
    pending_.pop_front();
    lock.unlock();
    PrintOutcome outcome = send_(p.job);
    if (p.done)
      p.done(std::move(outcome));
  }
}

} // namespace motcua::printer
