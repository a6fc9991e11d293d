// Kiosk sync figures for the notes (not a test), against the real
// motcua-station on loopback with the kiosk's sync pieces (SyncKiosk):
//   1. tap to ticket number, station up (online);
//   2. tap to ticket number, station dead (connection refused): the lease,
//      the journal commit included;
//   3. tap to ticket number, station silent (accepts, never answers): the
//      fallback deadline included;
//   4. outbox drain after a long outage: N ratings journaled while the
//      station is down, then the time until the last one is acknowledged.
// "Ticket number" is the moment the receipt can go to the printer; the
// printing itself is bench/printer's.
//
//   sync_bench [--taps 300] [--silent-taps 10] [--fallback-ms 1000]
//              [--ratings 2000] [--dir DIR]
#include "tests/support/fault_proxy.hpp"
#include "tests/support/station_process.hpp"
#include "tests/support/sync_kiosk.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

using namespace motcua::testing;
using namespace std::chrono_literals;

namespace {

int arg(int argc, char **argv, const std::string &name, int otherwise) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name)
      return std::stoi(argv[i + 1]);
  return otherwise;
}

std::string text_arg(int argc, char **argv, const std::string &name,
                     std::string otherwise) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name)
      return argv[i + 1];
  return otherwise;
}

void report(const char *what, std::vector<double> ms, int offline, int expected_offline) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) {
    return ms[std::min(ms.size() - 1, std::size_t(q * ms.size()))];
  };
  std::printf("%-34s n=%-4zu p50 %8.2f ms  p95 %8.2f ms  p99 %8.2f ms  max %8.2f ms%s\n",
              what, ms.size(), at(0.50), at(0.95), at(0.99), ms.back(),
              offline == expected_offline ? "" : "  (UNEXPECTED SOURCE)");
}

// `n` taps across the services; the milliseconds each took, and how many
// came from the lease.
std::vector<double> taps(SyncKiosk &kiosk, int n,
                         const std::vector<std::string> &services, int &offline) {
  std::vector<double> ms;
  offline = 0;
  for (int i = 0; i < n; ++i) {
    const auto ticket = kiosk.tap(services[std::size_t(i) % services.size()]);
    if (ticket.number.empty()) {
      std::fprintf(stderr, "tap %d: no number\n", i);
      continue;
    }
    offline += ticket.offline;
    ms.push_back(double(ticket.took.count()) / 1000.0);
    kiosk.pump();
  }
  return ms;
}

} // namespace

int main(int argc, char **argv) {
  const int n_taps = arg(argc, argv, "--taps", 300);
  const int n_silent = arg(argc, argv, "--silent-taps", 10);
  const int n_ratings = arg(argc, argv, "--ratings", 2000);
  const auto fallback = std::chrono::milliseconds(arg(argc, argv, "--fallback-ms", 1000));
  const std::string dir = text_arg(argc, argv, "--dir",
                                   std::filesystem::temp_directory_path() / "sync-bench");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);

  const std::vector<std::string> services{"A", "B", "C", "D"};
  SyncKioskOptions options;
  options.fallback = fallback;
  options.services = services;
  // Enough leased numbers for every offline tap of the run.
  options.lease_block = (n_taps + n_silent) / int(services.size()) + 10;
  options.refill_below = 2;
  options.backoff =
      motcua::net::BackoffPolicy{}; // motcua-kiosk's: 0.5 s doubling to 30 s
  StationProcess station(dir + "/station");
  FaultProxy proxy(station.port);
  SyncKiosk kiosk(dir + "/kiosk.db", {"127.0.0.1", proxy.port()}, options);
  if (!kiosk.pump_until([&] { return kiosk.holds_leases(options.lease_block); })) {
    std::fprintf(stderr, "sync_bench: no leases from the station\n");
    return 1;
  }
  std::printf("== kiosk sync, %u cores, fallback %lld ms, station %s\n",
              std::thread::hardware_concurrency(), (long long)fallback.count(),
              station.database().c_str());
  int offline = 0;
  report("tap to number, station up", taps(kiosk, n_taps, services, offline), offline, 0);

  station.process->kill_hard();
  station.process->wait_for(10s);
  auto dead = taps(kiosk, n_taps, services, offline);
  report("tap to number, station dead", dead, offline, int(dead.size()));

  proxy.set_mode(FaultProxy::Mode::blackhole);
  proxy.drop_all();
  station.start(station.port);
  auto silent = taps(kiosk, n_silent, services, offline);
  report("tap to number, station silent", silent, offline, int(silent.size()));

  // The long outage: ratings pile up in the journal, then the station returns.
  station.process->kill_hard();
  station.process->wait_for(10s);
  proxy.set_mode(FaultProxy::Mode::pass);
  proxy.drop_all();
  // Let the offline tickets' uploads fail into backoff first, as they would.
  kiosk.pump_until([] { return false; }, 50);
  std::vector<double> commit_ms;
  for (int i = 0; i < n_ratings; ++i) {
    const auto c0 = std::chrono::steady_clock::now();
    kiosk.rate("satisfied");
    commit_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - c0)
            .count());
  }
  report("rating journal commit (fsync)", commit_ms, 0, 0);
  const auto unsent_before = kiosk.unsent();
  station.start(station.port);
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  std::optional<Clock::time_point> first_ack;
  const bool drained = kiosk.pump_until(
      [&] {
        const auto left = kiosk.unsent();
        if (!first_ack && left < unsent_before)
          first_ack = Clock::now();
        return left == 0;
      },
      1'000'000);
  const auto t1 = Clock::now();
  auto secs = [](Clock::duration d) { return std::chrono::duration<double>(d).count(); };
  const double draining = first_ack ? secs(t1 - *first_ack) : secs(t1 - t0);
  std::printf(
      "outbox drain after the outage: %lld records (%d ratings + offline tickets); "
      "first acknowledged %.2f s after the station came back (the backoff), all in "
      "%.2f s more: %.0f records/s%s\n",
      (long long)unsent_before, n_ratings, first_ack ? secs(*first_ack - t0) : -1.0,
      draining, double(unsent_before) / draining, drained ? "" : "  (NOT DRAINED)");
  station.process->terminate();
  station.process->wait_for(10s);
  return drained ? 0 : 1;
}
