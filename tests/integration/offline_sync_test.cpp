// Offline tickets against the real motcua-station: leased blocks, uploads
// that survive a kill -9 of the station, each ticket stored exactly once.
#include "net/client/station_client.hpp"
#include "tests/support/station_process.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cstdio>
#include <future>
#include <map>
#include <set>

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
  // Outside the lease: refused with the stable code, nothing stored.
  auto outside = upload_sync(client, {{uuid(99), "A", tickets.back().sequence + 1,
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
