#include "printer/printer_monitor.hpp"

#include "printer/cups_status.hpp"

namespace motcua::printer {

PrinterMonitor::PrinterMonitor(Probe probe, std::chrono::milliseconds interval,
                               Report report)
    : probe_(std::move(probe)), interval_(interval), report_(std::move(report)) {
  thread_ = std::thread([this] { run(); });
}

PrinterMonitor::~PrinterMonitor() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PrinterMonitor::poke() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  wake_.notify_all();
}

PrinterStatus PrinterMonitor::last() const {
  std::lock_guard lock(mutex_);
  return last_;
}

void PrinterMonitor::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, interval_, [this] { return stopping_ || poked_; });
    if (stopping_)
      return;
    poked_ = false;
    lock.unlock();
    PrinterStatus status = probe_();
    lock.lock();
    const bool changed = !reported_ || !(status == last_);
    last_ = status;
    reported_ = true;
    if (changed && report_) {
      lock.unlock();
      report_(status);
      lock.lock();
    }
  }
}

PrinterMonitor::Probe cups_probe(CupsQueue queue) {
  return [queue = std::move(queue)] { return read_printer_status(queue); };
}

} // namespace motcua::printer
