// The chief's reports against a real station database: a known month is
// made through the API (tickets, calls, no-shows, transfers of time, linked
// and unlinked ratings, a previous month), then every figure the reports
// API returns is checked against what was done.
#include "server/reports/station_reports.hpp"
#include "tests/unit/server/station_stack.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

using namespace motcua::station;
namespace json = boost::json;

namespace {

struct MovableClock {
  std::shared_ptr<TimePoint> now =
      std::make_shared<TimePoint>(test::utc(2026, 10, 30, 1, 0, 0));
  Clock clock() const {
    return [now = now] { return *now; };
  }
};

// Station-local (UTC+7) time on a day of 2026, November unless told.
TimePoint local(int day, int hour, int minute, unsigned month = 11) {
  return test::utc(2026, month, static_cast<unsigned>(day), hour - 7, minute, 0);
}

ApiRequest request(std::string method, std::string target, std::string body = {},
                   std::string token = {}) {
  ApiRequest r{std::move(method), std::move(target), "application/json", "",
               std::move(body)};
  if (!token.empty())
    r.authorization = "Bearer " + token;
  return r;
}

struct Month : test::StationStack {
  MovableClock moving;
  std::string chief, an, binh;

  explicit Month(MovableClock m) : StationStack(m.clock()), moving(m) {
    REQUIRE_FALSE(auth->create_officer("boss", "Trưởng", Role::chief, "secret-boss"));
    REQUIRE_FALSE(
        auth->create_officer("an", "Nguyễn Văn An", Role::officer, "secret-an1"));
    REQUIRE_FALSE(
        auth->create_officer("binh", "Trần Thị Bình", Role::officer, "secret-binh"));
    chief = login("boss", "secret-boss");
    an = login("an", "secret-an1");
    binh = login("binh", "secret-binh");
  }
  std::string login(const std::string &user, const std::string &pw) {
    auto r =
        handle(request("POST", "/api/v1/auth/login",
                       R"({"username":")" + user + R"(","password":")" + pw + "\"}"));
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return std::string(json::parse(r.body).at("token").as_string());
  }
  void at(int day, int hour, int minute, unsigned month = 11) {
    *moving.now = local(day, hour, minute, month);
  }
  void ok(const std::string &method, const std::string &target, const std::string &body,
          const std::string &token = {}) {
    auto r = handle(request(method, target, body, token));
    REQUIRE_MESSAGE(r.status / 100 == 2, (method + " " + target + ": " + r.body));
  }
  void issue(const std::string &service, const std::string &priority = {}) {
    ok("POST", "/api/v1/tickets",
       R"({"service":")" + service + "\"" +
           (priority.empty() ? "" : R"(,"priority_group":")" + priority + "\"") + "}");
  }
  void counter(const std::string &id, const std::string &action,
               const std::string &token) {
    ok("POST", "/api/v1/counters/" + id + "/" + action, "", token);
  }
  void rate(const std::string &id, const std::string &level, const std::string &ticket,
            const std::string &rated_at, const std::string &reasons = "") {
    ok("POST", "/api/v1/ratings",
       R"({"rating":{"id":")" + id + R"(","level":")" + level + R"(","reasons":[)" +
           reasons + "]" + (ticket.empty() ? "" : R"(,"ticket":")" + ticket + "\"") +
           R"(,"rated_at":")" + rated_at + R"("}})");
  }
  json::object report(const std::string &target) {
    auto r = handle(request("GET", target, "", chief));
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return json::parse(r.body).as_object();
  }
};

// What the month holds (all times local):
// Fri 30 Oct: A001 14:00, counter 1 (an) calls it 14:05 (5), done 14:10.
// Mon 2 Nov: A001 08:00, A002 08:00 (elderly), B001 08:05.
//   counter 1 (an, serves A): 08:10 calls A002 (priority first: waited 10),
//     08:12 start, 08:22 done (10 min).
//   counter 2 (binh, A+B): 08:15 calls A001 (15), 08:16 start, 08:36 done (20);
//     08:40 calls B001 (35), recalls 08:41 and 08:42, no-show 08:43.
// Wed 4 Nov: A001 09:00, B001 09:10 (never called); counter 1 (an) 09:30
//   calls A001 (30), done 09:35 without start (5, timed from the call).
// Ratings: A002/2 Nov very satisfied 08:25; A001/2 Nov dissatisfied 08:40
//   (waiting time, attitude); B001/2 Nov dissatisfied 08:50 (waiting time);
//   unlinked satisfied 4 Nov 09:40; A001/4 Nov satisfied 09:41. October: one
//   satisfied, one dissatisfied. July (the quarter before): one dissatisfied.
void seed(Month &m) {
  m.at(30, 14, 0, 10);
  m.ok("POST", "/api/v1/admin/counters", R"({"id":"1","services":["A"]})", m.chief);
  m.ok("POST", "/api/v1/admin/counters", R"({"id":"2","services":["A","B"]})", m.chief);
  m.counter("1", "open", m.an);
  m.issue("A");
  m.at(30, 14, 5, 10);
  m.counter("1", "call-next", m.an);
  m.at(30, 14, 10, 10);
  m.counter("1", "done", m.an);
  m.at(2, 8, 0);
  m.an = m.login("an", "secret-an1");
  m.binh = m.login("binh", "secret-binh");
  m.chief = m.login("boss", "secret-boss");
  m.counter("1", "open", m.an);
  m.counter("2", "open", m.binh);
  m.issue("A");
  m.issue("A", "elderly");
  m.at(2, 8, 5);
  m.issue("B");
  m.at(2, 8, 10);
  m.counter("1", "call-next", m.an);
  m.at(2, 8, 12);
  m.counter("1", "start", m.an);
  m.at(2, 8, 15);
  m.counter("2", "call-next", m.binh);
  m.at(2, 8, 16);
  m.counter("2", "start", m.binh);
  m.at(2, 8, 22);
  m.counter("1", "done", m.an);
  m.at(2, 8, 36);
  m.counter("2", "done", m.binh);
  m.at(2, 8, 40);
  m.counter("2", "call-next", m.binh);
  m.at(2, 8, 41);
  m.counter("2", "recall", m.binh);
  m.at(2, 8, 42);
  m.counter("2", "recall", m.binh);
  m.at(2, 8, 43);
  m.counter("2", "no-show", m.binh);
  m.at(4, 9, 0);
  // Sessions last 12 hours: a new day, a new login.
  m.an = m.login("an", "secret-an1");
  m.chief = m.login("boss", "secret-boss");
  m.issue("A");
  m.at(4, 9, 10);
  m.issue("B");
  m.at(4, 9, 29);
  m.counter("1", "open", m.an);
  m.at(4, 9, 30);
  m.counter("1", "call-next", m.an);
  m.at(4, 9, 35);
  m.counter("1", "done", m.an);

  m.rate("11111111-1111-4111-8111-000000000001", "very_satisfied", "A002",
         "2026-11-02T08:25:00+07:00");
  m.rate("11111111-1111-4111-8111-000000000002", "dissatisfied", "A001",
         "2026-11-02T08:40:00+07:00", R"("waiting_time","officer_attitude")");
  m.rate("11111111-1111-4111-8111-000000000003", "dissatisfied", "B001",
         "2026-11-02T08:50:00+07:00", R"("waiting_time")");
  m.rate("11111111-1111-4111-8111-000000000004", "satisfied", "",
         "2026-11-04T09:40:00+07:00");
  m.rate("11111111-1111-4111-8111-000000000005", "satisfied", "A001",
         "2026-11-04T09:41:00+07:00");
  m.rate("11111111-1111-4111-8111-000000000006", "satisfied", "",
         "2026-10-15T10:00:00+07:00");
  m.rate("11111111-1111-4111-8111-000000000007", "dissatisfied", "",
         "2026-10-15T10:05:00+07:00", R"("other")");
  m.rate("11111111-1111-4111-8111-000000000008", "dissatisfied", "",
         "2026-07-10T14:00:00+07:00", R"("other")");
}

// The seeded month with its reports attached, as motcua-station wires them.
struct SeededMonth : Month {
  std::unique_ptr<StationReports> reports;
  SeededMonth() : Month(MovableClock{}) {
    seed(*this);
    auto opened = StationReports::open(dir.path(), test::small_catalog());
    REQUIRE_MESSAGE(opened, (opened ? "" : opened.error()));
    reports = std::move(opened).value();
    api->set_reports(reports.get());
  }
};

json::object keyed(const json::object &report, const char *list, const std::string &key) {
  for (const auto &g : report.at(list).as_array())
    if (g.at("key") == key.c_str())
      return g.as_object();
  FAIL("no " << key << " in " << list);
  return {};
}

void check_group(const json::object &g, int total, int satisfied, double rate) {
  CHECK(g.at("total").to_number<int>() == total);
  CHECK(g.at("satisfied").to_number<int>() == satisfied);
  CHECK(g.at("rate").to_number<double>() == doctest::Approx(rate).epsilon(0.0001));
}

} // namespace

TEST_CASE(
    "the satisfaction report of a seeded month counts every rating where it belongs") {
  SeededMonth m;

  auto r = m.report("/api/v1/reports/satisfaction?month=2026-11");
  CHECK(r.at("period").at("kind") == "month");
  CHECK(r.at("period").at("label") == "2026-11");
  CHECK(r.at("period").at("from") == "2026-11-01");
  CHECK(r.at("period").at("to") == "2026-11-30");
  check_group(r, 5, 3, 0.6);
  const auto &levels = r.at("levels").as_object();
  CHECK(levels.at("very_satisfied") == 1);
  CHECK(levels.at("satisfied") == 2);
  CHECK(levels.at("dissatisfied") == 2);
  CHECK(levels.at("neutral") == 0);
  CHECK(levels.at("very_dissatisfied") == 0);

  CHECK(r.at("per_counter").as_array().size() == 3);
  check_group(keyed(r, "per_counter", "1"), 2, 2, 1.0);
  check_group(keyed(r, "per_counter", "2"), 2, 0, 0.0);
  check_group(keyed(r, "per_counter", ""), 1, 1, 1.0); // the unlinked rating
  check_group(keyed(r, "per_officer", "an"), 2, 2, 1.0);
  check_group(keyed(r, "per_officer", "binh"), 2, 0, 0.0);
  check_group(keyed(r, "per_service", "A"), 3, 2, 0.6667);
  check_group(keyed(r, "per_service", "B"), 1, 0, 0.0);
  check_group(keyed(r, "per_service", ""), 1, 1, 1.0);
  CHECK(r.at("per_day").as_array().size() == 2);
  check_group(keyed(r, "per_day", "2026-11-02"), 3, 1, 0.3333);
  check_group(keyed(r, "per_day", "2026-11-04"), 2, 2, 1.0);
  CHECK(r.at("per_month").as_array().size() == 1);
  check_group(keyed(r, "per_month", "2026-11"), 5, 3, 0.6);
  CHECK(r.at("per_quarter").as_array().size() == 1);
  check_group(keyed(r, "per_quarter", "2026-Q4"), 5, 3, 0.6);
  const auto &hours = r.at("per_hour").as_array();
  REQUIRE(hours.size() == 2);
  CHECK(hours[0].at("hour") == 8);
  check_group(hours[0].as_object(), 3, 1, 0.3333);
  CHECK(hours[1].at("hour") == 9);
  check_group(hours[1].as_object(), 2, 2, 1.0);

  const auto &heat = r.at("heatmap").as_array();
  REQUIRE(heat.size() == 2);
  CHECK(heat[0].at("weekday") == 1); // Monday
  CHECK(heat[0].at("hour") == 8);
  check_group(heat[0].as_object(), 3, 1, 0.3333);
  CHECK(heat[1].at("weekday") == 3); // Wednesday
  CHECK(heat[1].at("hour") == 9);
  check_group(heat[1].as_object(), 2, 2, 1.0);

  const auto &reasons = r.at("reasons").as_array();
  REQUIRE(reasons.size() == 2);
  CHECK(reasons[0].at("reason") == "waiting_time");
  CHECK(reasons[0].at("count") == 2);
  CHECK(reasons[1].at("reason") == "officer_attitude");
  CHECK(reasons[1].at("count") == 1);

  check_group(r.at("previous").as_object(), 2, 1, 0.5);
  CHECK(r.at("previous").at("period").at("label") == "2026-10");
  CHECK(r.at("previous").at("period").at("from") == "2026-10-01");
  CHECK(r.at("previous").at("levels").at("dissatisfied") == 1);
  CHECK(r.at("rate_change").to_number<double>() == doctest::Approx(0.1));

  // October alone: its own figures, and no previous ratings in September.
  auto october = m.report("/api/v1/reports/satisfaction?month=2026-10");
  check_group(october, 2, 1, 0.5);
  CHECK(october.at("rate_change").is_null());
}

TEST_CASE("the satisfaction report of a quarter and of a year compares with the one "
          "before") {
  SeededMonth m;

  auto q4 = m.report("/api/v1/reports/satisfaction?period=2026-Q4");
  CHECK(q4.at("period").at("kind") == "quarter");
  CHECK(q4.at("period").at("from") == "2026-10-01");
  CHECK(q4.at("period").at("to") == "2026-12-31");
  check_group(q4, 7, 4, 0.5714);
  REQUIRE(q4.at("per_month").as_array().size() == 2);
  check_group(keyed(q4, "per_month", "2026-10"), 2, 1, 0.5);
  check_group(keyed(q4, "per_month", "2026-11"), 5, 3, 0.6);
  check_group(keyed(q4, "per_quarter", "2026-Q4"), 7, 4, 0.5714);
  CHECK(q4.at("reasons").at(0).at("reason") == "waiting_time");
  CHECK(keyed(q4, "per_day", "2026-10-15").at("total") == 2);
  // Q3 held July's one unhappy rating.
  CHECK(q4.at("previous").at("period").at("label") == "2026-Q3");
  check_group(q4.at("previous").as_object(), 1, 0, 0.0);
  CHECK(q4.at("rate_change").to_number<double>() == doctest::Approx(0.5714));

  auto year = m.report("/api/v1/reports/satisfaction?period=2026");
  CHECK(year.at("period").at("kind") == "year");
  check_group(year, 8, 4, 0.5);
  REQUIRE(year.at("per_quarter").as_array().size() == 2);
  check_group(keyed(year, "per_quarter", "2026-Q3"), 1, 0, 0.0);
  check_group(keyed(year, "per_quarter", "2026-Q4"), 7, 4, 0.5714);
  CHECK(year.at("per_month").as_array().size() == 3);
  // Friday 10 July at 14h joins the heat map.
  bool friday = false;
  for (const auto &cell : year.at("heatmap").as_array())
    if (cell.at("weekday") == 5 && cell.at("hour") == 14) {
      friday = true;
      check_group(cell.as_object(), 1, 0, 0.0);
    }
  CHECK(friday);
  CHECK(year.at("previous").at("period").at("label") == "2025");
  CHECK(year.at("previous").at("total") == 0);
  CHECK(year.at("rate_change").is_null());
}

TEST_CASE("the queue report of a seeded month gives tickets, waits, service times and "
          "no-shows") {
  SeededMonth m;

  auto q = m.report("/api/v1/reports/queue?month=2026-11");
  CHECK(q.at("tickets") == 5);
  CHECK(q.at("priority") == 1);
  CHECK(q.at("priority_share").to_number<double>() == doctest::Approx(0.2));
  CHECK(q.at("no_shows") == 1);
  CHECK(q.at("done") == 3);
  CHECK(q.at("expired") == 1); // B001 of 4 Nov, never called
  // Waits 10, 15, 30, 35 minutes: nearest-rank median 15, p90 35.
  CHECK(q.at("wait_minutes").at("count") == 4);
  CHECK(q.at("wait_minutes").at("median").to_number<double>() == 15.0);
  CHECK(q.at("wait_minutes").at("p90").to_number<double>() == 35.0);
  // Within the default 15 minutes: 10 and 15, of five tickets.
  CHECK(q.at("within_target").at("minutes") == 15);
  CHECK(q.at("within_target").at("count") == 2);
  CHECK(q.at("within_target").at("share").to_number<double>() == doctest::Approx(0.4));
  // Service 5, 10, 20 minutes.
  CHECK(q.at("service_minutes").at("count") == 3);
  CHECK(q.at("service_minutes").at("median").to_number<double>() == 10.0);
  CHECK(q.at("service_minutes").at("p90").to_number<double>() == 20.0);

  const auto &services = q.at("per_service").as_array();
  REQUIRE(services.size() == 2);
  const auto &a = services[0].as_object();
  CHECK(a.at("service_id") == "A");
  CHECK(a.at("tickets") == 3);
  CHECK(a.at("priority") == 1);
  CHECK(a.at("priority_share").to_number<double>() == doctest::Approx(0.3333));
  CHECK(a.at("no_shows") == 0);
  CHECK(a.at("done") == 3);
  CHECK(a.at("wait_minutes").at("median").to_number<double>() == 15.0);
  CHECK(a.at("service_minutes").at("p90").to_number<double>() == 20.0);
  CHECK(a.at("within_target").at("count") == 2);
  CHECK(a.at("within_target").at("share").to_number<double>() == doctest::Approx(0.6667));
  const auto &b = services[1].as_object();
  CHECK(b.at("service_id") == "B");
  CHECK(b.at("tickets") == 2);
  CHECK(b.at("no_shows") == 1);
  CHECK(b.at("expired") == 1);
  CHECK(b.at("wait_minutes").at("median").to_number<double>() == 35.0);
  CHECK(b.at("service_minutes").at("count") == 0);
  CHECK(b.at("service_minutes").at("median").is_null());
  CHECK(b.at("within_target").at("count") == 0);

  const auto &hours = q.at("per_hour").as_array();
  REQUIRE(hours.size() == 2);
  CHECK(hours[0].at("hour") == 8);
  CHECK(hours[0].at("tickets") == 3);
  CHECK(hours[0].at("per_service").at("A") == 2);
  CHECK(hours[0].at("per_service").at("B") == 1);
  CHECK(hours[1].at("hour") == 9);
  CHECK(hours[1].at("tickets") == 2);

  const auto &days = q.at("per_day").as_array();
  REQUIRE(days.size() == 2);
  CHECK(days[0].at("key") == "2026-11-02");
  CHECK(days[0].at("tickets") == 3);
  CHECK(days[0].at("priority") == 1);
  CHECK(days[0].at("no_shows") == 1);
  CHECK(days[0].at("done") == 2);
  CHECK(days[0].at("wait_minutes").at("median").to_number<double>() == 15.0);
  CHECK(days[0].at("within_target").at("count") == 2);
  CHECK(days[1].at("key") == "2026-11-04");
  CHECK(days[1].at("tickets") == 2);
  CHECK(days[1].at("expired") == 1);
  CHECK(days[1].at("within_target").at("count") == 0);
  REQUIRE(q.at("per_month").as_array().size() == 1);
  CHECK(q.at("per_month").at(0).at("tickets") == 5);

  // October: one ticket, called after 5 minutes, served in 5.
  const auto &previous = q.at("previous").as_object();
  CHECK(previous.at("period").at("label") == "2026-10");
  CHECK(previous.at("tickets") == 1);
  CHECK(previous.at("done") == 1);
  CHECK(previous.at("wait_minutes").at("median").to_number<double>() == 5.0);
  CHECK(previous.at("within_target").at("share").to_number<double>() == 1.0);
  auto october = m.report("/api/v1/reports/queue?month=2026-10");
  CHECK(october.at("tickets") == 1);
  CHECK(october.at("previous").at("tickets") == 0);

  // Another target: 30 minutes takes in 4 Nov's A001 too.
  auto thirty = m.report("/api/v1/reports/queue?month=2026-11&target_minutes=30");
  CHECK(thirty.at("within_target").at("minutes") == 30);
  CHECK(thirty.at("within_target").at("count") == 3);
  CHECK(thirty.at("within_target").at("share").to_number<double>() ==
        doctest::Approx(0.6));
  CHECK(thirty.at("per_day").at(1).at("within_target").at("count") == 1);

  // The quarter: October and November together, by month.
  auto q4 = m.report("/api/v1/reports/queue?period=2026-Q4");
  CHECK(q4.at("tickets") == 6);
  CHECK(q4.at("done") == 4);
  CHECK(q4.at("within_target").at("count") == 3);
  REQUIRE(q4.at("per_month").as_array().size() == 2);
  CHECK(q4.at("per_month").at(0).at("key") == "2026-10");
  CHECK(q4.at("per_month").at(0).at("tickets") == 1);
  CHECK(q4.at("per_month").at(1).at("tickets") == 5);
  CHECK(q4.at("previous").at("period").at("label") == "2026-Q3");
  CHECK(q4.at("previous").at("tickets") == 0);
  CHECK(m.report("/api/v1/reports/queue?period=2026").at("tickets") == 6);
}

TEST_CASE("reports export CSV and refuse a bad month and non-chiefs") {
  SeededMonth m;
  auto csv = m.handle(request(
      "GET", "/api/v1/reports/satisfaction?month=2026-11&format=csv", "", m.chief));
  REQUIRE(csv.status == 200);
  CHECK(csv.content_type == "text/csv; charset=utf-8");
  CHECK(csv.body.starts_with("section,key,total,satisfied,rate\r\n"
                             "all,2026-11-01..2026-11-30,5,3,0.6\r\n"));
  CHECK(csv.body.find("per_officer,binh,2,0,0\r\n") != std::string::npos);
  CHECK(csv.body.find("reason,waiting_time,2,,\r\n") != std::string::npos);
  auto queue = m.handle(
      request("GET", "/api/v1/reports/queue?month=2026-11&format=csv", "", m.chief));
  REQUIRE(queue.status == 200);
  CHECK(queue.body.starts_with("service_id,tickets,priority,no_shows,done,expired,"
                               "wait_median_min,wait_p90_min,service_median_min,"
                               "service_p90_min,within_15_min,within_share\r\n"
                               "all,5,1,1,3,1,15,35,10,20,2,0.4\r\n"));
  CHECK(queue.body.find("\r\nA,3,1,0,3,0,15,30,10,20,2,0.6667\r\n") != std::string::npos);
  CHECK(queue.body.find("\r\nprevious 2026-10,1,0,0,1,0,5,5,5,5,1,1\r\n") !=
        std::string::npos);
  CHECK(queue.body.find("\r\n2026-11-04,2,0,0,1,1,30,30,5,5,0,0\r\n") !=
        std::string::npos);
  CHECK(csv.body.find("per_quarter,2026-Q4,5,3,0.6\r\n") != std::string::npos);
  CHECK(csv.body.find("per_hour,9,2,2,1\r\n") != std::string::npos);
  CHECK(csv.body.find("previous,2026-10,2,1,0.5\r\n") != std::string::npos);
  auto quarter = m.handle(
      request("GET", "/api/v1/reports/queue?period=2026-Q4&format=csv", "", m.chief));
  REQUIRE(quarter.status == 200);
  CHECK(std::find_if(quarter.headers.begin(), quarter.headers.end(), [](const auto &h) {
          return h.second == "attachment; filename=\"motcua-queue-2026-Q4.csv\"";
        }) != quarter.headers.end());
  for (const char *bad :
       {"/api/v1/reports/queue?month=2026-13", "/api/v1/reports/queue?period=2026-Q5",
        "/api/v1/reports/satisfaction?period=2026-11-02",
        "/api/v1/reports/queue?month=2026-11&target_minutes=0",
        "/api/v1/reports/queue?month=2026-11&target_minutes=241",
        "/api/v1/reports/queue?month=2026-11&target_minutes=15m"}) {
    auto refused = m.handle(request("GET", bad, "", m.chief));
    CHECK_MESSAGE(refused.status == 400, bad);
    CHECK_MESSAGE(refused.body.find("invalid_field") != std::string::npos, bad);
  }
  CHECK(
      m.handle(request("GET", "/api/v1/reports/queue?month=2026-11", "", m.an)).status ==
      403);
}
