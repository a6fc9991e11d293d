// POST /api/v1/tickets/offline: tickets a kiosk issued from its lease while
// the station did not answer. Called as functions, no sockets.
#include "net/protocol/offline_ticket.hpp"
#include "server/numbering.hpp"
#include "tests/unit/server/station_stack.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

using namespace motcua::station;
namespace json = boost::json;

namespace {

ApiRequest post(std::string target, std::string body, std::string token = {}) {
  ApiRequest r{"POST", std::move(target), "application/json", "", std::move(body)};
  if (!token.empty())
    r.authorization = "Bearer " + token;
  return r;
}

json::object body_of(const ApiResponse &r) { return json::parse(r.body).as_object(); }

// Saturday 2026-11-28, 09:00 in Vietnam.
const TimePoint kSaturdayNine = test::utc(2026, 11, 28, 2, 0, 0);

std::string uuid(int n) {
  char out[40];
  std::snprintf(out, sizeof out, "00000000-0000-4000-8000-%012d", n);
  return out;
}

motcua::OfflineTicketUpload offline(int n, std::string service, int sequence,
                                    std::string issued_at) {
  return motcua::OfflineTicketUpload{uuid(n), std::move(service), sequence, std::nullopt,
                                     std::move(issued_at)};
}

// {first, last} of a fresh lease.
std::pair<int, int> lease(test::StationStack &s, const std::string &service, int count,
                          const std::string &token = {}) {
  auto r = s.handle(
      post("/api/v1/leases",
           R"({"service_id":")" + service + R"(","count":)" + std::to_string(count) + "}",
           token));
  REQUIRE_MESSAGE(r.status == 201, r.body);
  auto block = body_of(r).at("lease").as_object();
  return {int(block.at("first").as_int64()), int(block.at("last").as_int64())};
}

std::vector<motcua::OfflineTicketResult>
upload(test::StationStack &s, const std::vector<motcua::OfflineTicketUpload> &tickets,
       const std::string &token = {}) {
  auto r = s.handle(
      post("/api/v1/tickets/offline", motcua::offline_upload_to_json(tickets), token));
  REQUIRE_MESSAGE(r.status == 200, r.body);
  auto results = motcua::parse_offline_results(r.body);
  REQUIRE_MESSAGE(results.has_value(), r.body);
  REQUIRE(results->size() == tickets.size());
  return std::move(results).value();
}

std::string code_of(const motcua::OfflineTicketResult &r) {
  return r.error ? r.error->code : "(stored)";
}

std::string enroll(test::StationStack &s, const std::string &chief,
                   const std::string &name) {
  auto code = s.handle(post("/api/v1/admin/enrollment-codes", "", chief));
  REQUIRE(code.status == 201);
  auto enrolled =
      s.handle(post("/api/v1/kiosks/enroll",
                    R"({"code":")" + std::string(body_of(code).at("code").as_string()) +
                        R"(","name":")" + name + "\"}"));
  REQUIRE(enrolled.status == 201);
  return std::string(body_of(enrolled).at("token").as_string());
}

} // namespace

TEST_CASE("offline tickets from a lease are stored once and placed by issue time") {
  test::StationStack s(fixed_clock(kSaturdayNine));
  const auto [first, last] = lease(s, "A", 5);
  CHECK(first == 995); // from the top of the range: online numbering keeps 001
  CHECK(last == 999);
  // The answer carries the station's time: a kiosk learns the station's day.
  auto answer = s.handle(post("/api/v1/leases", R"({"service_id":"B","count":1})"));
  CHECK(body_of(answer).at("lease").at("station_time").as_string() ==
        "2026-11-28T09:00:00+07:00");
  // The day's first online ticket is 001 although five numbers are leased.
  auto online = s.handle(post("/api/v1/tickets", R"({"service":"A"})"));
  REQUIRE(online.status == 201);
  CHECK(motcua::parse_ticket_response(online.body)->number == "A001");

  // Issued at 08:40 and 08:50, before the online ticket of 09:00.
  auto results = upload(s, {offline(1, "A", 996, "2026-11-28T08:50:00+07:00"),
                            offline(2, "A", 995, "2026-11-28T01:40:00Z")});
  REQUIRE(results[0].status == 201);
  REQUIRE(results[1].status == 201);
  CHECK(results[0].ticket->number == "A996");
  CHECK(results[1].ticket->number == "A995");
  CHECK(results[1].ticket->issued_at == "2026-11-28T01:40:00Z"); // as the kiosk sent it
  // Each went ahead of the online ticket of 09:00.
  CHECK(results[0].ticket->people_ahead == 0);
  CHECK(results[1].ticket->people_ahead == 0);

  // The open tickets in line order: the offline ones first.
  auto snapshot = s.desk->snapshot();
  REQUIRE(snapshot.counts.size() >= 1);
  CHECK(snapshot.counts[0].waiting == 3);

  // A retry (lost answer) changes nothing and answers the same ticket.
  auto again = upload(s, {offline(1, "A", 996, "2026-11-28T08:50:00+07:00")});
  CHECK(again[0].status == 200);
  CHECK(again[0].ticket->number == "A996");
  CHECK(again[0].ticket->people_ahead == 1); // now behind 08:40's A995
  CHECK(s.desk->snapshot().counts[0].waiting == 3);
}

TEST_CASE("a lease retried under its key answers the same block, also after a restart") {
  test::StationStack s(fixed_clock(kSaturdayNine));
  const std::string ask = R"({"service_id":"A","count":5,"idempotency_key":"k-1"})";
  auto first = s.handle(post("/api/v1/leases", ask));
  REQUIRE(first.status == 201);
  auto again = s.handle(post("/api/v1/leases", ask)); // the answer was lost
  CHECK(again.status == 200);
  CHECK(body_of(again).at("lease").at("first") == body_of(first).at("lease").at("first"));
  CHECK(body_of(again).at("lease").at("last") == body_of(first).at("lease").at("last"));
  // Another key, or another service under the same key, is a new request.
  auto other = s.handle(post("/api/v1/leases", R"({"service_id":"A","count":5,)"
                                               R"("idempotency_key":"k-2"})"));
  REQUIRE(other.status == 201);
  CHECK(body_of(other).at("lease").at("last").as_int64() == 994);
  auto b = s.handle(post("/api/v1/leases", R"({"service_id":"B","count":5,)"
                                           R"("idempotency_key":"k-1"})"));
  CHECK(b.status == 201);

  DeskOptions options;
  options.always_issuing = true;
  s.api.reset();
  s.desk.reset();
  auto desk = QueueDesk::open(test::small_catalog(), options, *s.store,
                              fixed_clock(kSaturdayNine));
  REQUIRE(desk.has_value());
  s.desk = std::move(desk).value();
  s.api = std::make_unique<ApiHandler>(test::small_catalog(), *s.desk, *s.store, *s.auth,
                                       fixed_clock(kSaturdayNine));
  auto replayed = s.handle(post("/api/v1/leases", ask));
  CHECK(replayed.status == 200);
  CHECK(body_of(replayed).at("lease").at("first") ==
        body_of(first).at("lease").at("first"));
  // Without a key every request is a new block, as before.
  auto plain = s.handle(post("/api/v1/leases", R"({"service_id":"A","count":5})"));
  CHECK(plain.status == 201);
  CHECK(body_of(plain).at("lease").at("last").as_int64() == 989);
}

TEST_CASE("an offline number outside the kiosk's lease is refused with not_leased") {
  test::StationStack s(fixed_clock(kSaturdayNine));
  lease(s, "A", 2); // 998-999
  auto results = upload(s, {offline(1, "A", 997, "2026-11-28T08:50:00+07:00"),
                            offline(2, "B", 999, "2026-11-28T08:50:00+07:00"),
                            offline(3, "A", 998, "2026-11-28T08:51:00+07:00")});
  CHECK(results[0].status == 409);
  CHECK(code_of(results[0]) == "not_leased");
  CHECK(code_of(results[1]) == "not_leased");
  CHECK(results[2].status == 201); // one refusal does not hold back the others
  // The same number under another UUID is a second ticket: refused.
  auto twin = upload(s, {offline(4, "A", 998, "2026-11-28T08:52:00+07:00")});
  CHECK(twin[0].status == 409);
  CHECK(code_of(twin[0]) == "duplicate_ticket");
  // The same UUID for another number is a conflict, not a replay.
  auto reused = upload(s, {offline(3, "A", 999, "2026-11-28T08:51:00+07:00")});
  CHECK(code_of(reused[0]) == "idempotency_conflict");
  // Yesterday's ticket has no queue to join.
  auto late = upload(s, {offline(5, "A", 999, "2026-11-27T16:00:00+07:00")});
  CHECK(code_of(late[0]) == "wrong_day");
  // A number online issuing handed out is nobody's lease.
  REQUIRE(s.handle(post("/api/v1/tickets", R"({"service":"A"})")).status == 201);
  auto online_number = upload(s, {offline(6, "A", 1, "2026-11-28T08:53:00+07:00")});
  CHECK(code_of(online_number[0]) == "not_leased");
  CHECK(s.desk->snapshot().counts[0].waiting == 2);
}

TEST_CASE("a kiosk may upload only from blocks leased to itself") {
  test::StackOptions closed;
  closed.open_kiosk_api = false;
  test::StationStack s(fixed_clock(kSaturdayNine), closed);
  REQUIRE_FALSE(s.auth->create_officer("boss", "Trưởng", Role::chief, "secret-boss"));
  auto login = s.handle(
      post("/api/v1/auth/login", R"({"username":"boss","password":"secret-boss"})"));
  const std::string chief(body_of(login).at("token").as_string());
  const std::string hall = enroll(s, chief, "hall");
  const std::string door = enroll(s, chief, "door");
  const auto [hall_first, hall_last] = lease(s, "A", 3, hall);
  const auto [door_first, door_last] = lease(s, "A", 3, door);
  CHECK(door_last == hall_first - 1); // the next block down

  auto wrong =
      upload(s, {offline(1, "A", door_first, "2026-11-28T08:50:00+07:00")}, hall);
  CHECK(code_of(wrong[0]) == "not_leased");
  auto right =
      upload(s, {offline(1, "A", door_first, "2026-11-28T08:50:00+07:00")}, door);
  CHECK(right[0].status == 201);
  // An officer is not a kiosk.
  CHECK(s.handle(post("/api/v1/tickets/offline",
                      motcua::offline_upload_to_json(
                          {offline(2, "A", hall_first, "2026-11-28T08:50:00+07:00")}),
                      chief))
            .status == 403);
}

TEST_CASE("offline uploads survive a restart and the lease still belongs to its kiosk") {
  test::StationStack s(fixed_clock(kSaturdayNine));
  const auto [first, last] = lease(s, "C", 4);
  REQUIRE(upload(s, {offline(1, "C", first, "2026-11-28T08:30:00+07:00")})[0].status ==
          201);

  DeskOptions options;
  options.always_issuing = true;
  s.api.reset();
  s.desk.reset();
  auto desk = QueueDesk::open(test::small_catalog(), options, *s.store,
                              fixed_clock(kSaturdayNine));
  REQUIRE(desk.has_value());
  s.desk = std::move(desk).value();
  s.api = std::make_unique<ApiHandler>(test::small_catalog(), *s.desk, *s.store, *s.auth,
                                       fixed_clock(kSaturdayNine));
  auto snapshot = s.desk->snapshot();
  REQUIRE(snapshot.open_tickets.size() == 1);
  CHECK(snapshot.open_tickets[0].number == "K996"); // service C prints K
  CHECK(snapshot.open_tickets[0].offline);
  CHECK(snapshot.open_tickets[0].queued_at.second_of_day == 8 * 3600 + 30 * 60);

  auto replay = upload(s, {offline(1, "C", first, "2026-11-28T08:30:00+07:00")});
  CHECK(replay[0].status == 200);
  auto next = upload(s, {offline(2, "C", last, "2026-11-28T08:31:00+07:00")});
  CHECK(next[0].status == 201);
  CHECK(s.desk->snapshot().open_tickets.size() == 2);
  // The replayed block is still spent: the next one is cut below it, and online
  // numbering still starts at 001.
  const auto [again_first, again_last] = lease(s, "C", 4);
  CHECK(again_last == first - 1);
  CHECK(again_first == first - 4);
  auto online = s.handle(post("/api/v1/tickets", R"({"service":"C"})"));
  REQUIRE(online.status == 201);
  CHECK(motcua::parse_ticket_response(online.body)->number == "K001");
}

TEST_CASE("a kiosk withdraws the ticket of a tap it served from its lease, once") {
  test::StationStack s(fixed_clock(kSaturdayNine));
  auto issue = [&](const std::string &key) {
    auto r = s.handle(
        post("/api/v1/tickets", R"({"service":"A","idempotency_key":")" + key + "\"}"));
    REQUIRE_MESSAGE(r.status == 201, r.body);
    return motcua::parse_ticket_response(r.body)->number;
  };
  auto withdraw = [&](const std::string &key) {
    return s.handle(
        post("/api/v1/tickets/withdraw", R"({"idempotency_key":")" + key + "\"}"));
  };
  CHECK(issue("tap-1") == "A001");
  CHECK(issue("tap-2") == "A002"); // answered too late: the kiosk printed A990
  CHECK(issue("tap-3") == "A003");
  auto gone = withdraw("tap-2");
  REQUIRE_MESSAGE(gone.status == 200, gone.body);
  CHECK(body_of(gone).at("number") == "A002");
  CHECK(body_of(gone).at("replayed") == false);
  CHECK(s.desk->snapshot().counts[0].waiting == 2);
  // The same withdrawal again (its answer was lost): the same answer.
  auto again = withdraw("tap-2");
  CHECK(again.status == 200);
  CHECK(body_of(again).at("replayed") == true);
  // A key that issued nothing, a malformed body.
  auto unknown = withdraw("tap-9");
  CHECK(unknown.status == 404);
  CHECK(unknown.body.find("unknown_ticket") != std::string::npos);
  CHECK(s.handle(post("/api/v1/tickets/withdraw", R"({"key":"tap-1"})")).status == 400);
  // Too late once a counter called it: the citizen may still come.
  REQUIRE_FALSE(s.desk->add_counter("1", {"A"}));
  REQUIRE_FALSE(s.desk->open_counter("1", ""));
  REQUIRE(s.desk->act(CounterAction::call_next, "1"));
  auto called = withdraw("tap-1");
  CHECK(called.status == 409);
  CHECK(called.body.find("wrong_state") != std::string::npos);
  // A002 is never numbered again, and a restart replays the withdrawal.
  CHECK(issue("tap-4") == "A004");
  DeskOptions options;
  options.always_issuing = true;
  auto restarted = QueueDesk::open(test::small_catalog(), options, *s.store,
                                   fixed_clock(kSaturdayNine));
  REQUIRE(restarted.has_value());
  std::vector<std::string> open;
  for (const auto &t : (*restarted)->snapshot().open_tickets)
    open.push_back(t.number);
  CHECK(open == std::vector<std::string>{"A001", "A003", "A004"});
  CHECK_FALSE((*restarted)->ticket_status("2026-11-28", "A002"));
}

TEST_CASE("malformed offline uploads get 400 with a named code") {
  test::StationStack s(fixed_clock(kSaturdayNine));
  auto code = [&](std::string body) {
    auto r = s.handle(post("/api/v1/tickets/offline", std::move(body)));
    CHECK(r.status == 400);
    auto error = motcua::parse_api_error(r.body);
    return error ? error->code : r.body;
  };
  CHECK(code("{") == "malformed_json");
  CHECK(code(R"({"tickets":[]})") == "invalid_field");
  CHECK(code(R"({"tickets":[{"id":"x","service":"A","sequence":1,)"
             R"("issued_at":"2026-11-28T08:30:00+07:00"}]})") == "invalid_field");
  CHECK(
      code(
          R"({"tickets":[{"id":")" + uuid(1) +
          R"(","service":"A","sequence":0,"issued_at":"2026-11-28T08:30:00+07:00"}]})") ==
      "invalid_field");
  CHECK(code(R"({"tickets":[{"id":")" + uuid(1) +
             R"(","service":"A","sequence":1,"issued_at":"yesterday"}]})") ==
        "invalid_field");
}

TEST_CASE("parse_rfc3339 reads offsets and Z and refuses malformed times") {
  auto nine = parse_rfc3339("2026-11-28T09:00:00+07:00");
  REQUIRE(nine.has_value());
  CHECK(*nine == kSaturdayNine);
  CHECK(parse_rfc3339("2026-11-28T02:00:00Z") == kSaturdayNine);
  CHECK(parse_rfc3339("2026-11-28T02:00:00.250Z") == kSaturdayNine);
  CHECK(parse_rfc3339("2026-11-27T21:00:00-05:00") == kSaturdayNine);
  CHECK_FALSE(parse_rfc3339("2026-11-28 09:00:00+07:00"));
  CHECK_FALSE(parse_rfc3339("2026-02-30T09:00:00+07:00"));
  CHECK_FALSE(parse_rfc3339("2026-11-28T09:00:00"));
  CHECK_FALSE(parse_rfc3339("2026-11-28T25:00:00Z"));
}
