// motcua-station as a real process: command line, start-up errors, and
// numbers that survive a kill -9 in the middle of a burst of tickets.
#include "net/client/station_client.hpp"
#include "tests/support/station_process.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace motcua;
using namespace motcua::testing;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> numbers_in_database(const std::string &path,
                                             std::string &integrity) {
  sqlite3 *db = nullptr;
  std::vector<std::string> numbers;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt *stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) ==
          SQLITE_OK);
  if (sqlite3_step(stmt) == SQLITE_ROW)
    integrity = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  REQUIRE(sqlite3_prepare_v2(db, "SELECT number FROM tickets ORDER BY id", -1, &stmt,
                             nullptr) == SQLITE_OK);
  while (sqlite3_step(stmt) == SQLITE_ROW)
    numbers.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return numbers;
}

std::set<std::string> rating_ids_in_database(const std::string &path) {
  sqlite3 *db = nullptr;
  std::set<std::string> ids;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt *stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT id FROM ratings", -1, &stmt, nullptr) ==
          SQLITE_OK);
  while (sqlite3_step(stmt) == SQLITE_ROW)
    ids.emplace(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return ids;
}

// A UUID that names the i-th rating of the burst.
std::string burst_rating_id(int i) {
  char id[40];
  std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
  return id;
}

Result<bool, net::StationError> submit_rating_sync(net::StationClient &client,
                                                   Rating rating) {
  std::promise<Result<bool, net::StationError>> done;
  auto answer = done.get_future();
  client.submit_rating(std::move(rating), [&](Result<bool, net::StationError> r) {
    done.set_value(std::move(r));
  });
  return answer.get();
}

// The i-th rating of the burst, linked to `ticket` when there is one. The
// station links a rating to a ticket of the day it was given on, so a linked
// rating carries its ticket's time.
Rating burst_rating(int i, const std::optional<Ticket> &ticket) {
  Rating r;
  r.id = burst_rating_id(i);
  r.level = i % 3 ? "satisfied" : "dissatisfied";
  r.reasons = {"waiting_time"};
  r.rated_at = ticket ? ticket->issued_at : "2026-11-28T08:15:03+07:00";
  if (ticket)
    r.ticket = ticket->number;
  return r;
}

} // namespace

TEST_CASE("motcua-station --help lists every option") {
  auto dir = fresh_dir("station-help");
  ChildProcess p({MOTCUA_STATION_BIN, "--help"}, {}, dir + "/out.log");
  REQUIRE(p.wait_for(10s) == std::optional<int>(0));
  auto out = read_file(dir + "/out.log");
  for (auto option :
       {"--listen", "--data", "--catalog", "--timezone", "--port-file", "--help"})
    CHECK_MESSAGE(out.find(option) != std::string::npos, option);
}

TEST_CASE("motcua-station refuses a bad catalog, naming the file and the field") {
  auto dir = fresh_dir("station-bad-catalog");
  auto catalog = dir + "/catalog.json";
  std::FILE *f = std::fopen(catalog.c_str(), "w");
  std::fputs(R"({"format_version":1,"station":{"name":"X"},
    "services":[{"id":"A","prefix":"a1","label":{"vi":"Cư trú"}}]})",
             f);
  std::fclose(f);
  ChildProcess p({MOTCUA_STATION_BIN, "--listen", "127.0.0.1:0", "--data", dir,
                  "--catalog", catalog},
                 {}, dir + "/out.log");
  auto status = p.wait_for(10s);
  REQUIRE(status.has_value());
  CHECK(*status == 2);
  auto out = read_file(dir + "/out.log");
  CHECK(out.find(catalog) != std::string::npos);
  CHECK(out.find("services[0].prefix") != std::string::npos);
}

TEST_CASE("kill -9 in a burst of tickets and ratings: nothing acknowledged is lost, no "
          "number reused") {
  auto dir = fresh_dir("station-kill9");
  StationProcess station(dir);
  std::set<std::string> acknowledged;
  std::set<std::string> acknowledged_ratings;
  int failures = 0;
  {
    net::StationClient client({"127.0.0.1", station.port}, 2000ms);
    std::atomic<bool> stop{false};
    std::mutex m;
    std::thread burst([&] {
      for (int i = 0; !stop && i < 2000; ++i) {
        auto r =
            issue_ticket_sync(client, i % 2 ? "A" : "B", "burst-" + std::to_string(i));
        {
          std::lock_guard lock(m);
          if (r)
            acknowledged.insert(r->number);
          else
            ++failures;
          if (failures > 3)
            break;
        }
        // Every other ticket is rated, linked to it; the rest rate unlinked.
        auto rated = submit_rating_sync(
            client, burst_rating(i, r && i % 2 == 0 ? std::optional(*r) : std::nullopt));
        std::lock_guard lock(m);
        if (rated)
          acknowledged_ratings.insert(burst_rating_id(i));
        else
          ++failures;
        if (failures > 3)
          break;
      }
    });
    for (int waited = 0; waited < 2000; ++waited) {
      {
        std::lock_guard lock(m);
        if (acknowledged.size() >= 40 && acknowledged_ratings.size() >= 40)
          break;
      }
      std::this_thread::sleep_for(5ms);
    }
    station.process->kill_hard();
    REQUIRE(station.process->wait_for(10s).has_value());
    std::this_thread::sleep_for(100ms); // let the burst notice the dead server
    stop = true;
    burst.join();
  }
  REQUIRE(acknowledged.size() >= 40);
  REQUIRE(acknowledged_ratings.size() >= 40);

  std::string integrity;
  auto stored = numbers_in_database(dir + "/station.db", integrity);
  CHECK(integrity == "ok");
  std::set<std::string> stored_set(stored.begin(), stored.end());
  CHECK(stored_set.size() == stored.size()); // no duplicates
  for (const auto &n : acknowledged)
    CHECK_MESSAGE(stored_set.count(n) == 1, "acknowledged ", n,
                  " is not in the database");
  const auto stored_ratings = rating_ids_in_database(dir + "/station.db");
  for (const auto &id : acknowledged_ratings)
    CHECK_MESSAGE(stored_ratings.count(id) == 1, "acknowledged rating ", id,
                  " is not in the database");

  station.start();
  net::StationClient client({"127.0.0.1", station.port}, 2000ms);
  for (int i = 0; i < 5; ++i) {
    auto r = issue_ticket_sync(client, "A", "after-restart-" + std::to_string(i));
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
    CHECK_MESSAGE(stored_set.count(r->number) == 0, r->number,
                  " was issued before the crash");
    stored_set.insert(r->number);
  }
  // An idempotent retry of a pre-crash request returns the same ticket.
  auto replay = issue_ticket_sync(client, "B", "burst-0");
  REQUIRE(replay.has_value());
  CHECK(replay->number == "B001");
  // A retried pre-crash rating is stored once, not twice, and its ticket
  // cannot be rated a second time under another UUID.
  auto retried = submit_rating_sync(client, burst_rating(0, *replay));
  REQUIRE_MESSAGE(retried.has_value(), (retried ? "" : retried.error().message));
  auto again = submit_rating_sync(client, burst_rating(100000, *replay));
  REQUIRE_FALSE(again.has_value());
  CHECK(again.error().http_status == 409);
  CHECK(rating_ids_in_database(dir + "/station.db").size() == stored_ratings.size());
  station.process->terminate();
  CHECK(station.process->wait_for(10s) == std::optional<int>(0));
}

namespace {

// One HTTP/1.1 GET on 127.0.0.1 with "Connection: close": the status line's
// code and everything after the headers.
struct HttpAnswer {
  int status = 0;
  std::string head;
  std::string body;
};

HttpAnswer http_get(const std::string &port, const std::string &target) {
  HttpAnswer answer;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(std::stoi(port)));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
    ::close(fd);
    FAIL("cannot connect to the station on port " << port);
  }
  const std::string request = "GET " + target +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                              "Connection: close\r\n\r\n";
  REQUIRE(::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(request.size()));
  std::string raw;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
    raw.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  const auto end_of_head = raw.find("\r\n\r\n");
  REQUIRE(end_of_head != std::string::npos);
  answer.head = raw.substr(0, end_of_head);
  answer.body = raw.substr(end_of_head + 4);
  REQUIRE(raw.size() > 12);
  answer.status = std::stoi(raw.substr(9, 3));
  return answer;
}

} // namespace

TEST_CASE("motcua-station answers the QR code of a ticket it issued with an HTML page") {
  auto dir = fresh_dir("station-ticket-page");
  StationProcess station(dir);
  net::StationClient client({"127.0.0.1", station.port}, 2000ms);
  auto first = issue_ticket_sync(client, "A", "page-1");
  REQUIRE(first.has_value());
  auto second = issue_ticket_sync(client, "A", "page-2");
  REQUIRE(second.has_value());

  auto page = http_get(station.port, "/t/" + second->day + "/" + second->number);
  CHECK(page.status == 200);
  CHECK(page.head.find("text/html; charset=utf-8") != std::string::npos);
  CHECK(page.body.find("<html lang=\"vi\">") != std::string::npos);
  CHECK(page.body.find(second->number) != std::string::npos);
  CHECK(page.body.find("Số người đang chờ trước quý khách: 1") != std::string::npos);

  auto next =
      http_get(station.port, "/t/" + first->day + "/" + first->number + "?lang=en");
  CHECK(next.status == 200);
  CHECK(next.body.find("You are next in line") != std::string::npos);

  auto unknown = http_get(station.port, "/t/" + first->day + "/Z999");
  CHECK(unknown.status == 404);
  CHECK(unknown.head.find("text/html") != std::string::npos);
  CHECK(unknown.body.find("Không tìm thấy phiếu") != std::string::npos);
}

// The group commit acknowledges many tickets per flush: a kill lands in the
// middle of batches. A batch is one transaction, so what survives is a prefix
// of the journal: each service's numbers run 001..N without a gap.
TEST_CASE("kill -9 while 16 clients issue at once: acknowledged tickets stored, numbers "
          "gap-free") {
  auto dir = fresh_dir("station-kill9-concurrent");
  StationProcess station(dir);
  const std::vector<std::string> services{"A", "B", "C", "D"};
  constexpr int kClients = 16;
  std::mutex m;
  std::set<std::string> acknowledged;
  std::atomic<bool> stop{false};
  {
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c)
      clients.emplace_back([&, c] {
        net::StationClient client({"127.0.0.1", station.port}, 2000ms);
        for (int i = 0; !stop && i < 250; ++i) {
          auto r = issue_ticket_sync(client, services[(c + i) % services.size()],
                                     "c" + std::to_string(c) + "-" + std::to_string(i));
          if (!r)
            return; // the station is gone
          std::lock_guard lock(m);
          acknowledged.insert(r->number);
        }
      });
    for (int waited = 0; waited < 4000; ++waited) {
      {
        std::lock_guard lock(m);
        if (acknowledged.size() >= 300)
          break;
      }
      std::this_thread::sleep_for(1ms);
    }
    station.process->kill_hard();
    REQUIRE(station.process->wait_for(10s).has_value());
    stop = true;
    for (auto &c : clients)
      c.join();
  }
  REQUIRE(acknowledged.size() >= 300);

  std::string integrity;
  const auto stored = numbers_in_database(dir + "/station.db", integrity);
  CHECK(integrity == "ok");
  const std::set<std::string> stored_set(stored.begin(), stored.end());
  CHECK(stored_set.size() == stored.size());
  for (const auto &n : acknowledged)
    CHECK_MESSAGE(stored_set.count(n) == 1, "acknowledged ", n,
                  " is not in the database");
  std::map<std::string, int> per_service;
  for (const auto &n : stored_set)
    ++per_service[n.substr(0, 1)];
  for (const auto &[prefix, count] : per_service) {
    char last[8];
    std::snprintf(last, sizeof last, "%s%03d", prefix.c_str(), count);
    CHECK_MESSAGE(stored_set.count(last) == 1, prefix, ": ", count,
                  " numbers stored but not up to ", last, " (a gap)");
  }

  // The restarted station continues each service after its last number.
  station.start();
  net::StationClient client({"127.0.0.1", station.port}, 2000ms);
  for (const auto &service : services) {
    auto r = issue_ticket_sync(client, service, "after-" + service);
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
    char want[8];
    std::snprintf(want, sizeof want, "%s%03d", service.c_str(), per_service[service] + 1);
    CHECK(r->number == want);
  }
}
