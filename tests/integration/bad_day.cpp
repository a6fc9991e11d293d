// The scripted "bad day": two kiosk processes (motcua-test-kiosk) issue 500
// tickets and take 500 ratings from a real motcua-station through a FaultProxy
// while random outages strike: the station killed -9 and restarted, the
// network silent, answers held or cut half-way, a kiosk killed -9 and
// restarted. When the day is over and the network heals, the station's books
// must equal the kiosks' journals and paper: every printed number once, every
// rating once, nothing unsent, nothing doubled. Prints the tally.
//
//   bad_day [--seed N] [--tickets 500] [--ratings 500]
// Without --seed a random one is drawn; the seed is printed first either way.
#include "tests/support/books.hpp"
#include "tests/support/fault_proxy.hpp"
#include "tests/support/station_process.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

using namespace motcua::testing;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kKiosks = 2;
constexpr int kFallbackMs = 300;

struct Kiosk {
  std::string dir;
  int tickets = 0, ratings = 0; // its share of the day
  int runs = 0;
  std::unique_ptr<ChildProcess> process;

  void start(const std::string &port) {
    process =
        std::make_unique<ChildProcess>(std::vector<std::string>{MOTCUA_TEST_KIOSK_BIN,
                                                                "--journal",
                                                                dir + "/kiosk.db",
                                                                "--paper",
                                                                dir + "/paper.txt",
                                                                "--station",
                                                                port,
                                                                "--tickets",
                                                                std::to_string(tickets),
                                                                "--ratings",
                                                                std::to_string(ratings),
                                                                "--services",
                                                                "A,B,C,D",
                                                                "--fallback-ms",
                                                                "300",
                                                                "--pace-ms",
                                                                "30",
                                                                "--lease-block",
                                                                "20",
                                                                "--refill-below",
                                                                "10"},
                                       std::map<std::string, std::string>{},
                                       dir + "/run-" + std::to_string(++runs) + ".log");
  }
  // "A001 online 2026-..." lines: what the citizens hold.
  std::vector<std::pair<std::string, std::string>> paper() const {
    std::vector<std::pair<std::string, std::string>> out;
    std::ifstream in(dir + "/paper.txt");
    for (std::string line; std::getline(in, line);) {
      std::istringstream words(line);
      std::string number, source;
      if (words >> number >> source)
        out.emplace_back(number, source);
    }
    return out;
  }
  long long journal(const std::string &query) const {
    try {
      return count_rows(dir + "/kiosk.db", query);
    } catch (const std::runtime_error &) {
      return -1; // not created yet
    }
  }
  bool workload_done() const {
    return int(paper().size()) >= tickets &&
           journal("SELECT count(*) FROM ratings") >= ratings;
  }
  // The waits the citizens had, tap to number (µs), from every run's log,
  // and how often a tap got no number at all (no answer and no lease left).
  std::vector<long long> waits(int &no_number) const {
    std::vector<long long> out;
    for (int run = 1; run <= runs; ++run) {
      std::ifstream in(dir + "/run-" + std::to_string(run) + ".log");
      for (std::string line; std::getline(in, line);) {
        if (line.rfind("no number for ", 0) == 0)
          ++no_number;
        const auto at = line.rfind(" in ");
        if (line.rfind("printed ", 0) == 0 && at != std::string::npos)
          out.push_back(std::stoll(line.substr(at + 4)));
      }
    }
    return out;
  }
  long long unsent() const {
    return journal("SELECT (SELECT count(*) FROM ratings WHERE state = 'unsent') + "
                   "(SELECT count(*) FROM offline_tickets WHERE state = 'unsent')");
  }
};

int arg(int argc, char **argv, const std::string &name, int otherwise) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name)
      return std::stoi(argv[i + 1]);
  return otherwise;
}

} // namespace

int main(int argc, char **argv) {
  const unsigned seed =
      unsigned(arg(argc, argv, "--seed", int(std::random_device{}() >> 1)));
  const int tickets = arg(argc, argv, "--tickets", 500);
  const int ratings = arg(argc, argv, "--ratings", 500);
  std::cout << "bad day: seed " << seed << " (bad_day --seed " << seed << " repeats it), "
            << tickets << " tickets, " << ratings << " ratings" << std::endl;
  std::mt19937 rng(seed);
  auto between = [&](int lo, int hi) {
    return std::uniform_int_distribution(lo, hi)(rng);
  };

  const auto started = Clock::now();
  const std::string dir = fresh_dir("bad-day");
  StationProcess station(dir + "/station");
  FaultProxy proxy(station.port);
  std::vector<Kiosk> kiosks(kKiosks);
  for (int k = 0; k < kKiosks; ++k) {
    kiosks[k].dir = dir + "/kiosk-" + std::to_string(k + 1);
    std::filesystem::create_directories(kiosks[k].dir);
    kiosks[k].tickets = tickets / kKiosks + (k < tickets % kKiosks);
    kiosks[k].ratings = ratings / kKiosks + (k < ratings % kKiosks);
    kiosks[k].start(proxy.port());
  }

  // The outages, one at a time, until every kiosk has done its share.
  std::map<std::string, int> faults;
  auto seconds = [&] {
    return std::chrono::duration<double>(Clock::now() - started).count();
  };
  auto all_done = [&] {
    for (const auto &k : kiosks)
      if (!k.workload_done())
        return false;
    return true;
  };
  const auto give_up = Clock::now() + 150s;
  while (!all_done()) {
    if (Clock::now() > give_up) {
      std::cout << "FAIL: the kiosks did not finish their share in time" << std::endl;
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(between(200, 1000)));
    const auto outage = std::chrono::milliseconds(between(300, 1500));
    const int kind = between(0, 4);
    char line[120];
    if (kind == 0) {
      std::snprintf(line, sizeof line, "%6.1f s: station killed -9 for %lld ms",
                    seconds(), (long long)outage.count());
      ++faults["station killed -9"];
      station.process->kill_hard();
      station.process->wait_for(10s);
      std::this_thread::sleep_for(outage);
      station.start(station.port);
    } else if (kind == 4) {
      Kiosk &k = kiosks[std::size_t(between(0, kKiosks - 1))];
      std::snprintf(line, sizeof line, "%6.1f s: %s killed -9 for %lld ms", seconds(),
                    k.dir.substr(k.dir.rfind('/') + 1).c_str(),
                    (long long)outage.count());
      ++faults["kiosk killed -9"];
      k.process->kill_hard();
      k.process->wait_for(10s);
      std::this_thread::sleep_for(outage);
      k.start(proxy.port());
    } else {
      const FaultProxy::Mode mode = kind == 1   ? FaultProxy::Mode::blackhole
                                    : kind == 2 ? FaultProxy::Mode::hold_responses
                                                : FaultProxy::Mode::cut_responses;
      const char *name = kind == 1   ? "network silent"
                         : kind == 2 ? "answers held"
                                     : "answers cut";
      std::snprintf(line, sizeof line, "%6.1f s: %s for %lld ms", seconds(), name,
                    (long long)outage.count());
      ++faults[name];
      proxy.set_mode(mode, std::size_t(between(1, 400)));
      proxy.drop_all();
      std::this_thread::sleep_for(outage);
      proxy.set_mode(FaultProxy::Mode::pass);
      proxy.drop_all();
    }
    std::cout << line << std::endl;
  }
  const double day_ended = seconds();
  // The evening: the network heals, the outboxes drain.
  const auto drain_until = Clock::now() + 60s;
  auto drained = [&] {
    for (const auto &k : kiosks)
      if (k.unsent() != 0)
        return false;
    return true;
  };
  while (!drained() && Clock::now() < drain_until)
    std::this_thread::sleep_for(50ms);
  const double all_drained = seconds();
  for (auto &k : kiosks) {
    k.process->terminate();
    k.process->wait_for(20s);
  }
  station.process->terminate();
  station.process->wait_for(20s);

  // The books.
  std::vector<std::string> problems;
  const auto station_tickets =
      column_counts(station.database(), "SELECT number FROM tickets");
  const auto station_ratings =
      column_counts(station.database(), "SELECT id FROM ratings");
  std::map<std::string, int> printed; // number → times printed, all kiosks
  int online = 0, lease = 0;
  std::map<std::string, int> journal_ratings, journal_tickets;
  long long unsent = 0, rejected = 0;
  for (const auto &k : kiosks) {
    for (const auto &[number, source] : k.paper()) {
      ++printed[number];
      (source == "lease" ? lease : online)++;
    }
    for (const auto &[id, n] :
         column_counts(k.dir + "/kiosk.db", "SELECT id FROM ratings"))
      journal_ratings[id] += n;
    for (const auto &[number, n] :
         column_counts(k.dir + "/kiosk.db", "SELECT number FROM offline_tickets"))
      journal_tickets[number] += n;
    unsent += k.unsent();
    rejected +=
        k.journal("SELECT (SELECT count(*) FROM ratings WHERE state = 'rejected') + "
                  "(SELECT count(*) FROM offline_tickets WHERE state = 'rejected')");
  }
  for (const auto &[number, n] : printed) {
    if (n > 1)
      problems.push_back(number + " printed " + std::to_string(n) + " times");
    auto row = station_tickets.find(number);
    if (row == station_tickets.end())
      problems.push_back(number + " printed but not in the station's books");
  }
  for (const auto &[number, n] : journal_tickets) {
    if (n > 1)
      problems.push_back(number + " journaled offline " + std::to_string(n) + " times");
    if (!station_tickets.count(number))
      problems.push_back("offline " + number +
                         " journaled but not in the station's books");
  }
  for (const auto &[id, n] : journal_ratings)
    if (!station_ratings.count(id))
      problems.push_back("rating " + id + " journaled but not on the station");
  for (const auto &[id, n] : station_ratings)
    if (!journal_ratings.count(id))
      problems.push_back("rating " + id + " on the station but in no journal");
  if (unsent != 0)
    problems.push_back(std::to_string(unsent) + " records still unsent");
  if (rejected != 0)
    problems.push_back(std::to_string(rejected) + " records rejected by the station");
  if (int(printed.size()) != tickets)
    problems.push_back(std::to_string(printed.size()) + " tickets printed, not " +
                       std::to_string(tickets));
  if (int(journal_ratings.size()) != ratings)
    problems.push_back(std::to_string(journal_ratings.size()) +
                       " ratings journaled, not " + std::to_string(ratings));
  // The station's numbers nobody holds: answers lost to a cut or a silent
  // network after the station committed, or a kiosk killed before printing.
  std::size_t unheld = 0;
  for (const auto &[number, n] : station_tickets)
    unheld += !printed.count(number);
  // Of those, the ones the kiosks took back (their taps were served from a
  // lease): out of the line, no officer calls them.
  const auto withdrawn = column_counts(
      station.database(), "SELECT text FROM queue_journal WHERE action = 'withdraw'");
  for (const auto &[number, n] : withdrawn)
    if (printed.count(number))
      problems.push_back(number + " was printed but withdrawn");

  // The citizen's wait: never the station's silence beyond the fallback
  // deadline. A figure, not a check: a loaded machine delays the journal's
  // fsync too.
  std::vector<long long> waits;
  int no_number = 0;
  for (const auto &k : kiosks)
    for (long long w : k.waits(no_number))
      waits.push_back(w);
  std::sort(waits.begin(), waits.end());
  const auto over = std::count_if(waits.begin(), waits.end(), [](long long w) {
    return w > kFallbackMs * 1000 + 100'000;
  });

  std::cout << "\ntally (seed " << seed << "):\n";
  for (const auto &[kind, n] : faults)
    std::cout << "  outages: " << kind << " x" << n << "\n";
  std::printf("  printed: %zu tickets (%d online, %d from leases), each once: %s\n",
              printed.size(), online, lease,
              printed.size() == std::size_t(online + lease) ? "yes" : "NO");
  std::printf("  station: %zu tickets = %zu printed + %zu nobody holds (answer lost "
              "after the commit, or kiosk killed before printing), %zu of them "
              "withdrawn by their kiosk, %zu left in the line\n",
              station_tickets.size(), station_tickets.size() - unheld, unheld,
              withdrawn.size(), unheld - withdrawn.size());
  std::printf("  offline tickets: %zu journaled, all on the station once\n",
              journal_tickets.size());
  std::printf("  ratings: %zu journaled, %zu on the station\n", journal_ratings.size(),
              station_ratings.size());
  std::printf("  kiosk restarts: %d, %d\n", kiosks[0].runs - 1, kiosks[1].runs - 1);
  if (!waits.empty())
    std::printf(
        "  tap to number: p50 %.1f ms, p99 %.1f ms, max %.1f ms (fallback %d ms); "
        "%ld taps over fallback + 100 ms; %d taps told \"no number\" (no answer, "
        "no lease left)\n",
        waits[waits.size() / 2] / 1000.0, waits[waits.size() * 99 / 100] / 1000.0,
        waits.back() / 1000.0, kFallbackMs, long(over), no_number);
  std::printf("  time: %.1f s issuing, %.1f s until every journal was settled\n",
              day_ended, all_drained);
  for (const auto &p : problems)
    std::cout << "FAIL: " << p << "\n";
  std::cout << (problems.empty() ? "bad day: PASSED" : "bad day: FAILED") << std::endl;
  return problems.empty() ? 0 : 1;
}
