#pragma once
// The thread a TicketPrinter sends its jobs from: jobs run one at a time in
// order, `done` is called on this thread, and shutting down fails the jobs
// not yet started instead of waiting one timeout for each.
#include "printer/ticket_printer.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace motcua::printer {

class PrintWorker {
public:
  using Send = std::function<PrintOutcome(const PrintJob &)>;

  explicit PrintWorker(Send send);
  ~PrintWorker(); // the job in progress finishes (see pause), then joins
  PrintWorker(const PrintWorker &) = delete;
  PrintWorker &operator=(const PrintWorker &) = delete;

  void submit(PrintJob job, std::function<void(PrintOutcome)> done);
  // For `send`: waits up to `how_long`; false as soon as shutdown begins.
  bool pause(std::chrono::milliseconds how_long);

private:
  struct Pending {
    PrintJob job;
    std::function<void(PrintOutcome)> done;
  };
  void run();

  Send send_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> pending_;
  bool stopping_ = false;
  std::thread thread_;
};

} // namespace motcua::printer
