// Offline tickets against the real motcua-station: leased blocks, uploads
// that survive a kill -9 of the station, each ticket stored exactly once.
#include "net/client/station_client.hpp"
#include "net/journal/journal.hpp"
#include "net/journal/lease_keeper.hpp"
#include "net/journal/ticket_outbox.hpp"
#include "tests/support/printers.hpp"
#include "tests/support/station_process.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cstdio>
#include <fstream>
#include <future>
#include <map>
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
  sqlite3 *db = nullptr;
  std::map<std::string, int> out;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt *stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT number FROM tickets", -1, &stmt, nullptr) ==
          SQLITE_OK);
  while (sqlite3_step(stmt) == SQLITE_ROW)
    ++out[reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0))];
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
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

namespace {

// The kiosk's sync pieces as motcua-kiosk wires them (kiosk/main.cpp), minus
// the screens: the station client for tickets with the fallback deadline, the
// journal, the lease keeper and the offline-ticket outbox on their own client.
// The test thread is the owner thread that pumps them.
struct PiecesKiosk {
  static constexpr auto kFallback = 800ms;

  explicit PiecesKiosk(const std::string &journal_path, const std::string &port)
      : station{"127.0.0.1", port} {
    auto j = net::Journal::open(journal_path);
    REQUIRE_MESSAGE(j.has_value(), (j ? "" : j.error().message));
    journal = std::move(j).value();
    net::OutboxOptions options;
    options.backoff = {100ms, 400ms}; // a test-sized backoff
    outbox = std::make_unique<net::TicketOutbox>(
        *journal,
        [this](const net::OfflineTicketRecord &t, net::SendDone done) {
          sync.upload_offline_tickets({t.upload}, [done = std::move(done)](auto r) {
            if (r && r->size() == 1)
              return done(net::to_send_result(r->front()));
            done({false, r.has_value() || r.error().http_status > 0,
                  r ? 0 : r.error().http_status, r ? "no result" : r.error().message});
          });
        },
        [] {}, [] { return 0.5; },
        [this](const std::string &line) { log.push_back(line); }, options);
    net::LeasePolicy policy;
    policy.block_size = 6;
    policy.refill_below = 3;
    policy.backoff = {100ms, 400ms};
    leases = std::make_unique<net::LeaseKeeper>(
        *journal,
        [this](const std::string &service, int count, net::LeaseDone done) {
          sync.lease_block(service, count, [done = std::move(done)](auto r) {
            if (r)
              return done(net::LeaseBlock{r->service_id, r->day, r->first, r->last});
            done(unexpected(net::SendResult{false, r.error().http_status > 0,
                                            r.error().http_status, r.error().message}));
          });
        },
        [] {}, [] { return 0.5; },
        [this](const std::string &line) { log.push_back(line); }, policy);
    leases->set_services({"A", "B"});
  }

  void pump() {
    const auto now = net::OutboxClock::now();
    const auto wall = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
    outbox->pump(now, wall);
    leases->pump(now, wall, day);
  }

  // Pumps until `done` holds, for at most `rounds` rounds of 10 ms.
  template <typename Pred> bool pump_until(Pred done, int rounds = 1000) {
    for (int i = 0; i < rounds; ++i) {
      pump();
      if (done())
        return true;
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }

  // One tap: the station's number if it answers within the fallback deadline,
  // else the lease's (journaled first). Returns the printed number, "" when
  // neither gave one; `offline` says where it came from.
  std::string tap(const std::string &service, int n, bool &offline,
                  std::chrono::microseconds &took) {
    const auto t0 = std::chrono::steady_clock::now();
    auto answer = std::make_shared<std::promise<Result<Ticket, net::StationError>>>();
    auto future = answer->get_future();
    tickets.issue_ticket(TicketRequest{service, std::nullopt, "tap-" + std::to_string(n)},
                         [answer](auto r) { answer->set_value(std::move(r)); });
    offline = true;
    std::string number;
    if (future.wait_for(kFallback) == std::future_status::ready) {
      auto r = future.get();
      if (r) {
        offline = false;
        number = r->number;
      }
    }
    if (offline) {
      char at[40];
      std::snprintf(at, sizeof at, "%sT00:%02d:%02d+07:00", leases->day().c_str(), n / 60,
                    n % 60);
      char id[40];
      std::snprintf(id, sizeof id, "00000000-0000-4000-9000-%012d", n);
      // The station's day, as its blocks named it (as motcua-kiosk does).
      auto issued = journal->issue_from_lease(
          leases->day(), service, OfflineTicketUpload{id, service, 0, std::nullopt, at},
          0);
      REQUIRE_MESSAGE(issued.has_value(), (issued ? "" : issued.error().message));
      if (*issued) {
        number = (*issued)->number;
        outbox->notify_added();
        leases->notify_taken();
      }
    }
    took = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - t0);
    return number;
  }

  net::StationAddress station;
  std::string day; // the kiosk's local day, for the lease keeper
  std::unique_ptr<net::Journal> journal;
  net::StationClient tickets{station, kFallback};
  net::StationClient sync{station, 2000ms};
  std::unique_ptr<net::TicketOutbox> outbox;
  std::unique_ptr<net::LeaseKeeper> leases;
  std::vector<std::string> log;
};

} // namespace

TEST_CASE("station killed -9 while the kiosk keeps issuing: every offline ticket lands "
          "once, no number printed twice") {
  auto dir = fresh_dir("offline-kiosk-kill9");
  StationProcess station(dir + "/station");
  PiecesKiosk kiosk(dir + "/kiosk/journal.db", station.port);
  {
    // The kiosk's day is the station's: learn it from a lease.
    net::StationClient probe({"127.0.0.1", station.port}, 2000ms);
    auto lease = lease_sync(probe, "A", 1);
    REQUIRE(lease.has_value());
    kiosk.day = lease->day;
  }
  REQUIRE(kiosk.pump_until([&] {
    const auto &left = kiosk.leases->remaining();
    return left.count("A") && left.at("A") >= 3 && left.count("B") && left.at("B") >= 3;
  }));

  std::vector<std::string> printed;
  std::set<std::string> printed_offline;
  int n = 0;
  auto tap_some = [&](int count, bool expect_offline) {
    for (int i = 0; i < count; ++i, ++n) {
      bool offline = false;
      std::chrono::microseconds took{};
      auto number = kiosk.tap(n % 2 ? "B" : "A", n, offline, took);
      REQUIRE_MESSAGE(!number.empty(), "tap ", n, " got no number");
      CHECK(offline == expect_offline);
      printed.push_back(number);
      if (offline) {
        printed_offline.insert(number);
        // The citizen's wait with the station dead: the fallback included.
        // (A figure for the log, not an assertion: timings vary by machine.)
        MESSAGE("offline tap ", n, ": ", number, " in ", took.count(), " us");
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
  CHECK(kiosk.journal->counts()->unsent_tickets == 6);

  station.start(station.port); // same address: the kiosk's clients reconnect
  REQUIRE(kiosk.pump_until([&] { return kiosk.journal->counts()->unsent_tickets == 0; }));
  CHECK(kiosk.journal->counts()->sent_tickets == 6);
  CHECK(kiosk.journal->counts()->rejected_tickets == 0);
  // Online again, and the leases were refilled.
  tap_some(2, false);
  REQUIRE(kiosk.pump_until([&] {
    const auto &left = kiosk.leases->remaining();
    return left.count("A") && left.at("A") >= 3 && left.count("B") && left.at("B") >= 3;
  }));

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
    std::ofstream(dir + "/kiosk.json") << R"({
    "format_version": 1,
    "station_url": ")" + station.url() + R"(",
    "printer": {"queue": ")" + env["MOTCUA_RAW_QUEUE"] +
                                              R"(", "cups_server": ")" +
                                              env["CUPS_SERVER"] + R"("},
    "ticket_screen_seconds": 1,
    "offline_fallback_ms": 800
  })";
    // The test kills the station during the first sleep and restarts it
    // during the second.
    std::ofstream(dir + "/tap.script") << "wait-screen home 20000\n"
                                          "tap-service A\n"
                                          "wait-screen ticket 20000\n"
                                          "wait-print 30000\n"
                                          "print-state\n"
                                          "wait-screen home 20000\n"
                                          "sleep 6000\n"
                                          "tap-service A\n"
                                          "wait-screen ticket 20000\n"
                                          "wait-print 30000\n"
                                          "print-state\n"
                                          "wait-screen home 20000\n"
                                          "tap-service B\n"
                                          "wait-screen ticket 20000\n"
                                          "wait-print 30000\n"
                                          "print-state\n"
                                          "sleep 90000\n"
                                          "quit\n";
  }
  ChildProcess kiosk({MOTCUA_KIOSK_BIN, "--config", dir + "/kiosk.json", "--windowed",
                      "--script", dir + "/tap.script"},
                     {{"SDL_VIDEODRIVER", "dummy"},
                      {"SDL_RENDER_DRIVER", "software"},
                      {"SDL_AUDIODRIVER", "dummy"}},
                     dir + "/kiosk.log");
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
  CHECK(contains(log(), "offline tickets: 2 uploaded"));
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
  PiecesKiosk kiosk(dir + "/kiosk/journal.db", station.port);
  REQUIRE(kiosk.pump_until([&] {
    const auto &left = kiosk.leases->remaining();
    return left.count("A") && left.at("A") >= 3;
  }));
  station.process->kill_hard();
  REQUIRE(station.process->wait_for(10s).has_value());
  std::set<std::string> printed;
  {
    SilentListener silent(station.port);
    for (int n = 0; n < 3; ++n) {
      bool offline = false;
      std::chrono::microseconds took{};
      auto number = kiosk.tap("A", 100 + n, offline, took);
      REQUIRE_FALSE(number.empty());
      CHECK(offline);
      CHECK(printed.insert(number).second);
      // The citizen's wait: the fallback deadline and the journal commit.
      MESSAGE("silent station, tap ", n, ": ", number, " in ", took.count(), " us");
      kiosk.pump();
    }
  }
  station.start(station.port);
  REQUIRE(kiosk.pump_until([&] { return kiosk.journal->counts()->unsent_tickets == 0; }));
  CHECK(kiosk.journal->counts()->sent_tickets == 3);
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
  const std::map<std::string, std::string> sdl{{"SDL_VIDEODRIVER", "dummy"},
                                               {"SDL_RENDER_DRIVER", "software"},
                                               {"SDL_AUDIODRIVER", "dummy"}};
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
