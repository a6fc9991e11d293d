#pragma once
// Polls a printer's health on its own thread, on a schedule and whenever
// poked (after each job); reports only changes. The probe is any blocking
// reader (CUPS, IPP, DLE EOT) bounded by its own timeout.
#include "printer/printer_status.hpp"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace motcua::printer {

class PrinterMonitor {
public:
  using Probe = std::function<PrinterStatus()>;
  using Report = std::function<void(const PrinterStatus &)>; // on the monitor's thread

  PrinterMonitor(Probe probe, std::chrono::milliseconds interval, Report report);
  ~PrinterMonitor(); // waits for a probe in progress, then joins
  PrinterMonitor(const PrinterMonitor &) = delete;
  PrinterMonitor &operator=(const PrinterMonitor &) = delete;

  void poke(); // probe again now
  PrinterStatus last() const;

private:
  void run();

  Probe probe_;
  std::chrono::milliseconds interval_;
  Report report_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool poked_ = true; // the first probe runs at once
  bool stopping_ = false;
  bool reported_ = false;
  PrinterStatus last_;
  std::thread thread_;
};

// A probe for a CUPS queue (see cups_status.hpp).
struct CupsQueue;
PrinterMonitor::Probe cups_probe(CupsQueue queue);

} // namespace motcua::printer
