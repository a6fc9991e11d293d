#include "printer/printer_monitor.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

using namespace motcua::printer;
using namespace std::chrono_literals;
using C = PrinterCondition;

namespace {

// Collects reports; waits (bounded) for a given number of them.
struct Reports {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::string> names;

  void add(const PrinterStatus &s) {
    std::lock_guard lock(mutex);
    names.push_back(s.names());
    changed.notify_all();
  }
  std::vector<std::string> wait_for(std::size_t count) {
    std::unique_lock lock(mutex);
    changed.wait_for(lock, 30s, [&] { return names.size() >= count; });
    return names;
  }
};

} // namespace

TEST_CASE("the monitor reports the first status and then only changes") {
  std::atomic<int> probes{0};
  std::atomic<bool> paper{true};
  Reports reports;
  // An hour between scheduled probes: only pokes drive this test.
  PrinterMonitor monitor(
      [&] {
        ++probes;
        return PrinterStatus::of({paper ? C::ready : C::media_empty});
      },
      std::chrono::hours(1), [&](const PrinterStatus &s) { reports.add(s); });
  CHECK(reports.wait_for(1) == std::vector<std::string>{"ready"});
  const int before = probes;
  monitor.poke(); // same status: probed, not reported
  while (probes == before)
    std::this_thread::sleep_for(1ms);
  paper = false;
  monitor.poke();
  CHECK(reports.wait_for(2) == std::vector<std::string>{"ready", "media-empty"});
  CHECK(monitor.last().headline() == C::media_empty);
  paper = true;
  monitor.poke();
  CHECK(reports.wait_for(3) == std::vector<std::string>{"ready", "media-empty", "ready"});
}

TEST_CASE("the monitor probes on its schedule without being poked") {
  std::atomic<int> probes{0};
  Reports reports;
  PrinterMonitor monitor(
      [&] { return PrinterStatus::of({++probes >= 3 ? C::offline : C::ready}); }, 10ms,
      [&](const PrinterStatus &s) { reports.add(s); });
  CHECK(reports.wait_for(2) == std::vector<std::string>{"ready", "offline"});
}
