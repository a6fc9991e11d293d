// The kiosk's sync against the real motcua-station through a network that
// misbehaves on command (FaultProxy), two kiosks offline together, and a
// kiosk process killed -9 around its rating sends: nothing lost, nothing
// doubled, no number printed twice, every wait bounded by the deadline.
#include "tests/support/books.hpp"
#include "tests/support/fault_proxy.hpp"
#include "tests/support/station_process.hpp"
#include "tests/support/sync_kiosk.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <future>
#include <set>
#include <thread>

using namespace motcua;
using namespace motcua::testing;
using namespace std::chrono_literals;

namespace {

using Mode = FaultProxy::Mode;

std::map<std::string, int> station_tickets(const StationProcess &station) {
  return column_counts(station.database(), "SELECT number FROM tickets");
}

std::map<std::string, int> station_ratings(const StationProcess &station) {
  return column_counts(station.database(), "SELECT id FROM ratings");
}

// Every printed number and every journaled rating is in the station's books
// exactly once.
void check_books(const StationProcess &station, const std::vector<std::string> &printed,
                 const std::vector<std::string> &ratings) {
  CHECK(std::set(printed.begin(), printed.end()).size() == printed.size());
  const auto tickets = station_tickets(station);
  for (const auto &number : printed) {
    auto row = tickets.find(number);
    CHECK_MESSAGE(row != tickets.end(), number, " is not in the station's books");
    if (row != tickets.end())
      CHECK_MESSAGE(row->second == 1, number, " is stored ", row->second, " times");
  }
  const auto stored = station_ratings(station);
  CHECK(stored.size() == ratings.size());
  for (const auto &id : ratings)
    CHECK_MESSAGE(stored.count(id) == 1, "rating ", id, " is not on the station");
}

void stop(StationProcess &station) {
  station.process->terminate();
  REQUIRE(station.process->wait_for(10s) == std::optional<int>(0));
}

template <typename Pred> bool poll(Pred done, std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    if (done())
      return true;
    std::this_thread::sleep_for(20ms);
  }
  return done();
}

} // namespace

TEST_CASE("a network that accepts and never answers: each tap falls back within the "
          "deadline, and nothing is lost or doubled") {
  auto dir = fresh_dir("sync-fault-blackhole");
  StationProcess station(dir + "/station");
  FaultProxy proxy(station.port);
  SyncKioskOptions options;
  options.fallback = 500ms;
  SyncKiosk kiosk(dir + "/kiosk.db", {"127.0.0.1", proxy.port()}, options);
  REQUIRE(kiosk.pump_until([&] { return kiosk.holds_leases(3); }));

  proxy.set_mode(Mode::blackhole);
  proxy.drop_all();
  std::vector<std::string> printed, ratings;
  for (int i = 0; i < 3; ++i) {
    const auto ticket = kiosk.tap(i % 2 ? "B" : "A");
    REQUIRE_FALSE(ticket.number.empty());
    CHECK(ticket.offline);
    // The deadline bounds the wait by construction; a second of slack for a
    // loaded machine still catches a kiosk that waits for its request timeout.
    CHECK(ticket.took < options.fallback + 1s);
    MESSAGE("blackhole tap: ", ticket.number, " in ", ticket.took.count(), " us");
    printed.push_back(ticket.number);
    ratings.push_back(kiosk.rate("satisfied"));
  }
  kiosk.pump_until([] { return false; }, 100); // a second of sends into the void
  CHECK(kiosk.unsent() == 6);
  CHECK(station_ratings(station).empty());

  proxy.set_mode(Mode::pass);
  REQUIRE(kiosk.pump_until([&] { return kiosk.unsent() == 0; }, 1500));
  stop(station);
  check_books(station, printed, ratings);
}

TEST_CASE("answers cut half-way: the kiosk falls back at once, retries, and nothing is "
          "doubled") {
  auto dir = fresh_dir("sync-fault-cut");
  StationProcess station(dir + "/station");
  FaultProxy proxy(station.port);
  SyncKiosk kiosk(dir + "/kiosk.db", {"127.0.0.1", proxy.port()});
  REQUIRE(kiosk.pump_until([&] { return kiosk.holds_leases(3); }));

  // Forty bytes: inside the status line and headers of every answer.
  proxy.set_mode(Mode::cut_responses, 40);
  proxy.drop_all();
  std::vector<std::string> printed, ratings;
  for (int i = 0; i < 2; ++i) {
    const auto ticket = kiosk.tap("A");
    REQUIRE_FALSE(ticket.number.empty());
    // The station issued a number, but the kiosk never read it: the lease's.
    CHECK(ticket.offline);
    MESSAGE("cut answer tap: ", ticket.number, " in ", ticket.took.count(), " us");
    printed.push_back(ticket.number);
  }
  for (int i = 0; i < 3; ++i)
    ratings.push_back(kiosk.rate("neutral"));
  // The station stores what it receives although no answer gets back.
  REQUIRE(kiosk.pump_until([&] { return station_ratings(station).size() == 3; }));
  kiosk.pump_until([] { return false; }, 100); // retries, each answer cut again
  CHECK(kiosk.unsent() == 5);

  proxy.set_mode(Mode::pass);
  REQUIRE(kiosk.pump_until([&] { return kiosk.unsent() == 0; }, 1500));
  stop(station);
  check_books(station, printed, ratings);
  // The taps' online numbers are tickets nobody holds (no-shows for the officer),
  // one per tap at most: the idempotency key kept any retry from a third.
  const auto tickets = station_tickets(station);
  const auto unheld = std::count_if(tickets.begin(), tickets.end(),
                                    [](const auto &row) { return row.first < "A900"; });
  CHECK(unheld <= 2);
  MESSAGE("numbers the station issued whose answers were cut: ", unheld);
}

TEST_CASE("two kiosks offline at the same time: no number printed twice, and every "
          "ticket reaches the station once, in the order of issue") {
  auto dir = fresh_dir("sync-fault-two-kiosks");
  StationProcess station(dir + "/station");
  SyncKioskOptions options;
  options.services = {"A"};
  SyncKiosk hall(dir + "/hall.db", {"127.0.0.1", station.port}, options);
  SyncKiosk door(dir + "/door.db", {"127.0.0.1", station.port}, options);
  REQUIRE(hall.pump_until([&] { return hall.holds_leases(6); }));
  REQUIRE(door.pump_until([&] { return door.holds_leases(6); }));

  station.process->kill_hard();
  REQUIRE(station.process->wait_for(10s).has_value());
  // Taps in turn, each in a second of its own (the line orders by the second).
  std::vector<PrintedTicket> issued;
  for (int i = 0; i < 6; ++i) {
    const auto now = std::chrono::system_clock::now();
    std::this_thread::sleep_until(std::chrono::ceil<std::chrono::seconds>(now) + 20ms);
    auto ticket = (i % 2 ? door : hall).tap("A");
    REQUIRE_FALSE(ticket.number.empty());
    CHECK(ticket.offline);
    issued.push_back(ticket);
  }
  std::vector<std::string> printed;
  for (const auto &t : issued)
    printed.push_back(t.number);
  CHECK(std::set(printed.begin(), printed.end()).size() == printed.size());

  station.start(station.port);
  // The door kiosk uploads everything before the hall kiosk: arrival order at
  // the station is not issue order.
  REQUIRE(door.pump_until([&] { return door.unsent() == 0; }, 1500));
  REQUIRE(hall.pump_until([&] { return hall.unsent() == 0; }, 1500));

  // The line as the station holds it: a retry of an upload answers the ticket
  // with the people ahead of it now.
  net::StationClient client({"127.0.0.1", station.port}, 2000ms);
  for (std::size_t i = 0; i < issued.size(); ++i) {
    std::promise<Result<std::vector<OfflineTicketResult>, net::StationError>> done;
    auto answer = done.get_future();
    client.upload_offline_tickets({issued[i].upload},
                                  [&](auto r) { done.set_value(std::move(r)); });
    auto results = answer.get();
    REQUIRE(results.has_value());
    REQUIRE(results->size() == 1);
    CHECK((*results)[0].status == 200);
    REQUIRE((*results)[0].ticket.has_value());
    CHECK_MESSAGE((*results)[0].ticket->people_ahead == int(i), issued[i].number,
                  " issued at ", issued[i].issued_at);
  }
  stop(station);
  check_books(station, printed, {});
}

namespace {

// motcua-test-kiosk with its journal and paper in `dir`.
std::unique_ptr<ChildProcess> start_kiosk(const std::string &dir, const std::string &port,
                                          int ratings, int run) {
  return std::make_unique<ChildProcess>(
      std::vector<std::string>{MOTCUA_TEST_KIOSK_BIN, "--journal", dir + "/kiosk.db",
                               "--paper", dir + "/paper.txt", "--station", port,
                               "--ratings", std::to_string(ratings), "--services", "A"},
      std::map<std::string, std::string>{},
      dir + "/kiosk-" + std::to_string(run) + ".log");
}

// -1 until the kiosk has created its journal.
long long journal_ratings(const std::string &dir, const std::string &state) {
  try {
    return count_rows(dir + "/kiosk.db",
                      "SELECT count(*) FROM ratings WHERE state = '" + state + "'");
  } catch (const std::runtime_error &) {
    return -1;
  }
}

} // namespace

TEST_CASE("a kiosk killed -9 between journal commit and send, and between send and "
          "acknowledgement: after restarts every rating is on the station once") {
  auto dir = fresh_dir("sync-fault-kiosk-kill9");
  StationProcess station(dir + "/station");
  FaultProxy proxy(station.port);

  // Committed, never sent: nothing gets through to the station.
  proxy.set_mode(Mode::blackhole);
  auto kiosk = start_kiosk(dir, proxy.port(), 5, 1);
  REQUIRE(poll([&] { return journal_ratings(dir, "unsent") == 5; }, 20s));
  kiosk->kill_hard();
  REQUIRE(kiosk->wait_for(10s).has_value());
  CHECK(station_ratings(station).empty());

  // Sent, never acknowledged: the station stores the oldest (a window of 4 in
  // flight, retried while they time out), the kiosk hears nothing.
  proxy.set_mode(Mode::hold_responses);
  proxy.drop_all();
  kiosk = start_kiosk(dir, proxy.port(), 10, 2);
  REQUIRE_MESSAGE(poll([&] { return station_ratings(station).size() >= 4; }, 30s),
                  read_file(dir + "/kiosk-2.log"));
  REQUIRE(poll([&] { return journal_ratings(dir, "unsent") == 10; }, 10s));
  CHECK(journal_ratings(dir, "sent") == 0);
  kiosk->kill_hard();
  REQUIRE(kiosk->wait_for(10s).has_value());

  // The network heals; the restarted kiosk sends all ten again and settles them.
  proxy.set_mode(Mode::pass);
  proxy.drop_all();
  kiosk = start_kiosk(dir, proxy.port(), 10, 3);
  REQUIRE_MESSAGE(poll([&] { return journal_ratings(dir, "sent") == 10; }, 30s),
                  read_file(dir + "/kiosk-3.log"));
  kiosk->terminate();
  CHECK(kiosk->wait_for(10s) == std::optional<int>(0));
  stop(station);
  const auto journaled = column_counts(dir + "/kiosk.db", "SELECT id FROM ratings");
  std::vector<std::string> ids;
  for (const auto &[id, n] : journaled)
    ids.push_back(id);
  CHECK(ids.size() == 10);
  check_books(station, {}, ids);
}
