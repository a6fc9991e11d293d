// Offline tickets against the real motcua-station: leased blocks, uploads
// that survive a kill -9 of the station, each ticket stored exactly once.
#include "net/client/station_client.hpp"
#include "net/journal/journal.hpp"
#include "net/journal/lease_keeper.hpp"
#include "net/journal/ticket_outbox.hpp"
#include "tests/support/books.hpp"
#include "tests/support/fault_proxy.hpp"
#include "tests/support/printers.hpp"
#include "tests/support/station_process.hpp"
#include "tests/support/sync_kiosk.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cstdio>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace motcua;
using namespace motcua::testing;
using namespace std::chrono_literals;

namespace {

// number → how many rows hold it.
std::map<std::string, int> ticket_rows(const std::string &path) {
  return column_counts(path, "SELECT number FROM tickets");
}

Result<net::StationClient::Lease, net::StationError>
lease_sync(net::StationClient &client, const std::string &service, int count) {
  std::promise<Result<net::StationClient::Lease, net::StationError>> done;
  auto answer = done.get_future();
  client.lease_block(service, count, [&](auto r) { done.set_value(std::move(r)); });
  return answer.get();
}

Result<std::vector<OfflineTicketResult>, net::StationError>
upload_sync(net::StationClient &client, std::vector<OfflineTicketUpload> tickets) {
  std::promise<Result<std::vector<OfflineTicketResult>, net::StationError>> done;
  auto answer = done.get_future();
  client.upload_offline_tickets(std::move(tickets),
                                [&](auto r) { done.set_value(std::move(r)); });
  return answer.get();
}

// DIR/kiosk.json: `station_url`, the private cupsd's raw queue, the ticket
// screen for a second, and `extra` fields.
void write_kiosk_config(const std::string &dir, const std::string &station_url,
                        std::map<std::string, std::string> &env,
                        const std::string &extra) {
  std::ofstream(dir + "/kiosk.json")
      << R"({"format_version": 1, "station_url": ")" + station_url +
             R"(", "printer": {"queue": ")" + env["MOTCUA_RAW_QUEUE"] +
             R"(", "cups_server": ")" + env["CUPS_SERVER"] +
             R"("}, "ticket_screen_seconds": 1, )" + extra + "}";
}

// Script lines: a tap on `service`, its ticket printed, its state to the log.
std::string tap_and_print(const std::string &service) {
  return "tap-service " + service +
         "\nwait-screen ticket 20000\nwait-print 30000\nprint-state\n";
}

// motcua-kiosk on DIR/kiosk.json playing DIR/tap.script, logging to
// DIR/kiosk.log.
std::unique_ptr<ChildProcess> scripted_kiosk(const std::string &dir) {
  return std::make_unique<ChildProcess>(
      std::vector<std::string>{MOTCUA_KIOSK_BIN, "--config", dir + "/kiosk.json",
                               "--windowed", "--script", dir + "/tap.script"},
      headless_sdl_env(), dir + "/kiosk.log");
}

std::string uuid(int n) {
  char out[40];
  std::snprintf(out, sizeof out, "00000000-0000-4000-8000-%012d", n);
  return out;
}

} // namespace

TEST_CASE("offline uploads to the real station: stored once across a kill -9") {
  auto dir = fresh_dir("offline-upload-kill9");
  StationProcess station(dir);
  std::string day;
  std::vector<OfflineTicketUpload> tickets;
  {
    net::StationClient client({"127.0.0.1", station.port}, 2000ms);
    auto lease = lease_sync(client, "A", 5);
    REQUIRE_MESSAGE(lease.has_value(), (lease ? "" : lease.error().message));
    day = lease->day;
    // Issue times: the station's day at 00:00:0n in its zone (the station runs
    // in Asia/Ho_Chi_Minh by default), whatever the hour of the test run.
    for (int i = 0; i < 5; ++i) {
      char at[40];
      std::snprintf(at, sizeof at, "%sT00:00:%02d+07:00", day.c_str(), i);
      tickets.push_back({uuid(i), "A", lease->first + i, std::nullopt, at});
    }
    auto first = upload_sync(client, {tickets[0], tickets[1], tickets[2]});
    REQUIRE_MESSAGE(first.has_value(), (first ? "" : first.error().message));
    for (const auto &r : *first)
      CHECK_MESSAGE(r.status == 201, r.id, " ", (r.error ? r.error->code : ""));
  }
  // The power cut comes after the answer: the station must still have them.
  station.process->kill_hard();
  REQUIRE(station.process->wait_for(10s).has_value());
  station.start();
  net::StationClient client({"127.0.0.1", station.port}, 2000ms);
  // The kiosk did not see the answer (say) and sends everything again.
  auto again = upload_sync(client, tickets);
  REQUIRE_MESSAGE(again.has_value(), (again ? "" : again.error().message));
  REQUIRE(again->size() == 5);
  for (int i = 0; i < 5; ++i) {
    CHECK((*again)[i].status == (i < 3 ? 200 : 201));
    REQUIRE((*again)[i].ticket.has_value());
    CHECK((*again)[i].ticket->sequence == tickets[i].sequence);
  }
  // Outside the lease (the next block down is nobody's yet): refused with the
  // stable code, nothing stored.
  auto outside = upload_sync(client, {{uuid(99), "A", tickets.front().sequence - 1,
                                       std::nullopt, tickets.back().issued_at}});
  REQUIRE(outside.has_value());
  CHECK((*outside)[0].status == 409);
  REQUIRE((*outside)[0].error.has_value());
  CHECK((*outside)[0].error->code == "not_leased");
  station.process->terminate();
  CHECK(station.process->wait_for(10s) == std::optional<int>(0));

  const auto rows = ticket_rows(station.database());
  CHECK(rows.size() == 5);
  for (const auto &[number, count] : rows)
    CHECK_MESSAGE(count == 1, number, " is stored ", count, " times");
}

TEST_CASE("station killed -9 while the kiosk keeps issuing: every offline ticket lands "
          "once, no number printed twice") {
  auto dir = fresh_dir("offline-kiosk-kill9");
  StationProcess station(dir + "/station");
  SyncKiosk kiosk(dir + "/kiosk/journal.db", {"127.0.0.1", station.port});
  REQUIRE(kiosk.pump_until([&] { return kiosk.holds_leases(3); }));

  std::vector<std::string> printed;
  std::set<std::string> printed_offline;
  int n = 0;
  auto tap_some = [&](int count, bool expect_offline) {
    for (int i = 0; i < count; ++i, ++n) {
      const auto ticket = kiosk.tap(n % 2 ? "B" : "A");
      REQUIRE_MESSAGE(!ticket.number.empty(), "tap ", n, " got no number");
      CHECK(ticket.offline == expect_offline);
      printed.push_back(ticket.number);
      if (ticket.offline) {
        printed_offline.insert(ticket.number);
        // The citizen's wait with the station dead: the fallback included.
        // (A figure for the log, not an assertion: timings vary by machine.)
        MESSAGE("offline tap ", n, ": ", ticket.number, " in ", ticket.took.count(),
                " us");
      }
      kiosk.pump();
    }
  };
  tap_some(4, false);
  // Blocks for both services are held, and yet the day's online numbers start
  // at 001: leases come from the top of the range.
  CHECK(printed == std::vector<std::string>{"A001", "B001", "A002", "B002"});

  station.process->kill_hard();
  REQUIRE(station.process->wait_for(10s).has_value());
  // The leases held before the crash serve: 3+ numbers per service.
  tap_some(6, true);
  CHECK(kiosk.journal().counts()->unsent_tickets == 6);

  station.start(station.port); // same address: the kiosk's clients reconnect
  REQUIRE(
      kiosk.pump_until([&] { return kiosk.journal().counts()->unsent_tickets == 0; }));
  CHECK(kiosk.journal().counts()->sent_tickets == 6);
  CHECK(kiosk.journal().counts()->rejected_tickets == 0);
  // Online again, and the leases were refilled.
  tap_some(2, false);
  REQUIRE(kiosk.pump_until([&] { return kiosk.holds_leases(3); }));

  // No number printed twice, on paper or in the books.
  std::set<std::string> unique(printed.begin(), printed.end());
  CHECK(unique.size() == printed.size());
  station.process->terminate();
  REQUIRE(station.process->wait_for(10s) == std::optional<int>(0));
  const auto rows = ticket_rows(station.database());
  for (const auto &number : printed) {
    auto row = rows.find(number);
    CHECK_MESSAGE(row != rows.end(), number, " is not in the station's books");
    if (row != rows.end())
      CHECK_MESSAGE(row->second == 1, number, " is stored ", row->second, " times");
  }
  for (const auto &line : kiosk.log)
    if (line.find("the station refused") != std::string::npos)
      FAIL_CHECK(line);
}

namespace {

// Polls `done` every 20 ms for at most `rounds` rounds.
template <typename Pred> bool poll(Pred done, int rounds = 1500) {
  for (int i = 0; i < rounds; ++i) {
    if (done())
      return true;
    std::this_thread::sleep_for(20ms);
  }
  return done();
}

bool contains(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

// "state=ticket number=A003 print=printed source=lease" lines, in order.
std::vector<std::string> print_states(const std::string &log) {
  std::vector<std::string> out;
  for (std::size_t at = log.find("state=ticket number="); at != std::string::npos;
       at = log.find("state=ticket number=", at + 1))
    out.push_back(log.substr(at, log.find('\n', at) - at));
  return out;
}

std::string number_in(const std::string &state_line) {
  const auto at = state_line.find("number=") + 7;
  return state_line.substr(at, state_line.find(' ', at) - at);
}

} // namespace

TEST_CASE("motcua-kiosk with its station killed -9 prints from its lease and uploads "
          "after the restart") {
  auto env = printers_env();
  auto dir = fresh_dir("offline-real-kiosk");
  StationProcess station(dir + "/station");
  {
    write_kiosk_config(dir, station.url(), env, R"("offline_fallback_ms": 800)");
    // The test kills the station during the first sleep and restarts it
    // during the second.
    std::ofstream(dir + "/tap.script")
        << "wait-screen home 20000\n" + tap_and_print("A") +
               "wait-screen home 20000\nsleep 6000\n" + tap_and_print("A") +
               "wait-screen home 20000\n" + tap_and_print("B") + "sleep 90000\nquit\n";
  }
  auto kiosk_process = scripted_kiosk(dir);
  auto &kiosk = *kiosk_process;
  const auto log = [&] { return read_file(dir + "/kiosk.log"); };
  // Online first, with blocks for A and B held.
  REQUIRE_MESSAGE(poll([&] {
                    const auto text = log();
                    return print_states(text).size() == 1 &&
                           contains(text, "leases: service A holds") &&
                           contains(text, "leases: service B holds");
                  }),
                  log());
  station.process->kill_hard();
  REQUIRE(station.process->wait_for(10s).has_value());

  REQUIRE_MESSAGE(poll([&] { return print_states(log()).size() == 3; }), log());
  const auto states = print_states(log());
  CHECK_FALSE(contains(states[0], "source=lease"));
  for (int i = 1; i < 3; ++i) {
    CHECK_MESSAGE(contains(states[i], "print=printed source=lease"), states[i]);
  }
  CHECK(number_in(states[1]).front() == 'A');
  CHECK(number_in(states[2]).front() == 'B');

  station.start(station.port);
  // The outbox uploads both once the station is back.
  REQUIRE_MESSAGE(poll([&] {
                    const auto rows = ticket_rows(station.database());
                    return rows.count(number_in(states[1])) &&
                           rows.count(number_in(states[2]));
                  }),
                  log());
  kiosk.terminate();
  REQUIRE(kiosk.wait_for(20s).has_value());
  station.process->terminate();
  REQUIRE(station.process->wait_for(10s) == std::optional<int>(0));

  std::set<std::string> printed;
  for (const auto &line : states)
    printed.insert(number_in(line));
  CHECK(printed.size() == states.size()); // no number printed twice
  const auto rows = ticket_rows(station.database());
  for (const auto &number : printed) {
    auto row = rows.find(number);
    REQUIRE_MESSAGE(row != rows.end(), number, " is not in the station's books");
    CHECK_MESSAGE(row->second == 1, number, " stored ", row->second, " times");
  }
  // Both went: acknowledged, or stored with the answer still on its way when
  // the kiosk stopped (then the next start re-sends it and the station keeps
  // one, as the books above show).
  const auto text = log();
  const auto at = text.find("offline tickets: ");
  REQUIRE_MESSAGE(at != std::string::npos, text);
  int uploaded = -1, in_flight = -1;
  std::sscanf(text.c_str() + at, "offline tickets: %d uploaded, %d in flight", &uploaded,
              &in_flight);
  CHECK_MESSAGE(uploaded + in_flight == 2, text.substr(at, 60));
}

namespace {

// A "station" that takes connections into its backlog and never answers: the
// kernel completes the handshake, nobody reads. Closed on destruction.
struct SilentListener {
  explicit SilentListener(const std::string &port) {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in at{};
    at.sin_family = AF_INET;
    at.sin_port = htons(static_cast<std::uint16_t>(std::stoi(port)));
    at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr *>(&at), sizeof at) == 0);
    REQUIRE(::listen(fd, 64) == 0);
  }
  ~SilentListener() { ::close(fd); }
  int fd = -1;
};

} // namespace

TEST_CASE("a station that accepts and never answers: the ticket comes from the lease "
          "after the fallback deadline") {
  auto dir = fresh_dir("offline-silent-station");
  StationProcess station(dir + "/station");
  SyncKiosk kiosk(dir + "/kiosk/journal.db", {"127.0.0.1", station.port});
  REQUIRE(kiosk.pump_until([&] { return kiosk.holds_leases(3); }));
  station.process->kill_hard();
  REQUIRE(station.process->wait_for(10s).has_value());
  std::set<std::string> printed;
  {
    SilentListener silent(station.port);
    for (int n = 0; n < 3; ++n) {
      const auto ticket = kiosk.tap("A");
      REQUIRE_FALSE(ticket.number.empty());
      CHECK(ticket.offline);
      CHECK(printed.insert(ticket.number).second);
      // The citizen's wait: the fallback deadline and the journal commit.
      MESSAGE("silent station, tap ", n, ": ", ticket.number, " in ", ticket.took.count(),
              " us");
      kiosk.pump();
    }
  }
  station.start(station.port);
  REQUIRE(
      kiosk.pump_until([&] { return kiosk.journal().counts()->unsent_tickets == 0; }));
  CHECK(kiosk.journal().counts()->sent_tickets == 3);
  station.process->terminate();
  REQUIRE(station.process->wait_for(10s) == std::optional<int>(0));
  const auto rows = ticket_rows(station.database());
  for (const auto &number : printed) {
    auto row = rows.find(number);
    REQUIRE_MESSAGE(row != rows.end(), number, " is not in the station's books");
    CHECK(row->second == 1);
  }
}

TEST_CASE("motcua-kiosk started while its station is down serves from the kept catalog "
          "and its leases") {
  auto env = printers_env();
  auto dir = fresh_dir("offline-kiosk-start-down");
  StationProcess station(dir + "/station");
  std::ofstream(dir + "/kiosk.json") << R"({
    "format_version": 1,
    "station_url": ")" + station.url() + R"(",
    "printer": {"queue": ")" + env["MOTCUA_RAW_QUEUE"] +
                                            R"(", "cups_server": ")" +
                                            env["CUPS_SERVER"] +
                                            R"("},
    "ticket_screen_seconds": 1
  })";
  const std::map<std::string, std::string> sdl = headless_sdl_env();
  {
    // A first run with the station up: the catalog is kept, blocks are leased.
    std::ofstream(dir + "/idle.script") << "wait-screen home 20000\nsleep 90000\nquit\n";
    ChildProcess kiosk({MOTCUA_KIOSK_BIN, "--config", dir + "/kiosk.json", "--windowed",
                        "--script", dir + "/idle.script"},
                       sdl, dir + "/first.log");
    REQUIRE_MESSAGE(poll([&] {
                      return contains(read_file(dir + "/first.log"),
                                      "leases: service A holds");
                    }),
                    read_file(dir + "/first.log"));
    kiosk.terminate();
    REQUIRE(kiosk.wait_for(20s) == std::optional<int>(0));
  }
  station.process->kill_hard();
  REQUIRE(station.process->wait_for(10s).has_value());

  std::ofstream(dir + "/tap.script") << "wait-screen home 20000\n"
                                        "tap-service A\n"
                                        "wait-screen ticket 20000\n"
                                        "wait-print 30000\n"
                                        "print-state\n"
                                        "quit\n";
  ChildProcess kiosk({MOTCUA_KIOSK_BIN, "--config", dir + "/kiosk.json", "--windowed",
                      "--script", dir + "/tap.script"},
                     sdl, dir + "/second.log");
  auto status = kiosk.wait_for(120s);
  const auto log = read_file(dir + "/second.log");
  REQUIRE_MESSAGE(status == std::optional<int>(0), log);
  CHECK(contains(log, "the catalog kept in the journal serves"));
  const auto states = print_states(log);
  REQUIRE(states.size() == 1);
  // The first block of the day, cut from the top: 990-999 (offline_lease_size 10).
  CHECK_MESSAGE(contains(states[0], "number=A990 print=printed source=lease"), states[0]);
}

TEST_CASE("motcua-kiosk takes back the station's ticket for a tap whose answer it never "
          "got") {
  auto env = printers_env();
  auto dir = fresh_dir("offline-withdraw");
  StationProcess station(dir + "/station");
  FaultProxy proxy(station.port);
  {
    write_kiosk_config(dir, "http://127.0.0.1:" + proxy.port(), env,
                       R"("request_timeout_ms": 1500)");
    // The station's answers stop coming back during the sleep.
    std::ofstream(dir + "/tap.script") << "wait-screen home 20000\nsleep 8000\n" +
                                              tap_and_print("A") + "sleep 120000\nquit\n";
  }
  auto kiosk_process = scripted_kiosk(dir);
  auto &kiosk = *kiosk_process;
  const auto log = [&] { return read_file(dir + "/kiosk.log"); };
  REQUIRE_MESSAGE(poll([&] {
                    const auto text = log();
                    return contains(text, "leases: service A holds") &&
                           contains(text, "catalog loaded");
                  }),
                  log());
  proxy.set_mode(FaultProxy::Mode::hold_responses);

  // The request reached the station, which issued A001; its answer never came
  // back, so the citizen got A990 from the lease.
  REQUIRE_MESSAGE(poll([&] { return print_states(log()).size() == 1; }), log());
  CHECK_MESSAGE(
      contains(print_states(log())[0], "number=A990 print=printed source=lease"), log());
  REQUIRE(poll([&] { return ticket_rows(station.database()).count("A001") == 1; }));
  const auto withdrawn = [&] {
    return column_counts(station.database(),
                         "SELECT text FROM queue_journal WHERE action = 'withdraw'");
  };
  CHECK(withdrawn().empty()); // nothing gets through while the answers are held

  // The network heals: the kiosk's journaled withdrawal reaches the station.
  proxy.set_mode(FaultProxy::Mode::pass);
  REQUIRE_MESSAGE(poll([&] { return !withdrawn().empty(); }, 3000), log());
  CHECK(withdrawn() == std::map<std::string, int>{{"A001", 1}});
  // A key that issued nothing is a 404 the kiosk settles (the request never
  // arrived), as the client reports it.
  net::StationClient client(net::StationAddress{"127.0.0.1", station.port, false, {}},
                            3000ms);
  std::promise<Result<bool, net::StationError>> asked;
  client.withdraw_ticket("never-issued", [&](auto r) { asked.set_value(std::move(r)); });
  auto answer = asked.get_future().get();
  REQUIRE_FALSE(answer.has_value());
  CHECK(answer.error().http_status == 404);
  kiosk.terminate();
  REQUIRE(kiosk.wait_for(20s).has_value());
  station.process->terminate();
  REQUIRE(station.process->wait_for(10s) == std::optional<int>(0));
}
