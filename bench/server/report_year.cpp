// How long the chief waits for a report: a station's year (2026: every day
// but Sunday, ~336 tickets and ~47 ratings a day on four counters, the
// default catalog) is made through the desk and the rating store into a data
// folder on disk, then each report (month, quarter, year; satisfaction and
// queue) is computed REPEAT times as GET /api/v1/reports/... computes it.
//   report_year CATALOG DATA_PARENT [REPEAT]
// Prints the build time of the year and, per report, min and median ms and
// the JSON size. bench/server/run_reports runs it under /usr/bin/time -v.
#include "net/protocol/catalog.hpp"
#include "net/protocol/rating.hpp"
#include "server/desk/queue_desk.hpp"
#include "server/reports/station_reports.hpp"
#include "server/station_clock.hpp"
#include "server/storage/station_store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

using namespace motcua;
using namespace motcua::station;
using SteadyClock = std::chrono::steady_clock;

namespace {

[[noreturn]] void die(const std::string &what) {
  std::fprintf(stderr, "report_year: %s\n", what.c_str());
  std::exit(1);
}

double ms_since(SteadyClock::time_point t0) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count();
}

// Station-local 2026-mm-dd hh:mm (UTC+7) as an instant.
TimePoint local(std::chrono::year_month_day day, int minute_of_day) {
  return std::chrono::sys_days{day} + std::chrono::minutes{minute_of_day - 7 * 60};
}

std::string rfc3339(std::chrono::year_month_day day, int minute_of_day) {
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:00+07:00",
                static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                static_cast<unsigned>(day.day()), minute_of_day / 60, minute_of_day % 60);
  return text;
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 3)
    die("usage: report_year CATALOG DATA_PARENT [REPEAT]");
  const int repeat = argc > 3 ? std::atoi(argv[3]) : 5;
  setenv("TZ", "Asia/Ho_Chi_Minh", 1);
  auto catalog = load_catalog_file(argv[1]);
  if (!catalog)
    die("catalog: " + catalog.error().message);
  const auto dir = std::filesystem::path(argv[2]) / "report-year-data";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);

  auto now = std::make_shared<TimePoint>(
      local(std::chrono::year_month_day{std::chrono::year{2026} / 1 / 1}, 7 * 60));
  Clock clock = [now] { return *now; };
  auto store = open_sqlite_station_store(dir);
  if (!store)
    die(store.error().message);
  DeskOptions options;
  options.always_issuing = true;
  auto desk = QueueDesk::open(*catalog, options, **store, clock);
  if (!desk)
    die(desk.error());
  std::vector<std::string> all_services;
  for (const auto &s : catalog->services)
    all_services.push_back(s.id);
  const std::vector<std::string> counters = {"1", "2", "3", "4"};
  for (const auto &c : counters)
    if (auto failed = (*desk)->add_counter(c, all_services))
      die("add_counter: " + failed->message);

  const auto build_started = SteadyClock::now();
  int tickets = 0, ratings = 0, days = 0;
  const char *levels[] = {"very_satisfied", "satisfied", "satisfied", "dissatisfied"};
  for (auto d = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};
       d <= std::chrono::sys_days{std::chrono::year{2026} / 12 / 31};
       d += std::chrono::days{1}) {
    const std::chrono::year_month_day day{d};
    if (std::chrono::weekday{d} == std::chrono::Sunday)
      continue;
    ++days;
    *now = local(day, 7 * 60 + 30);
    for (const auto &c : counters)
      (*desk)->open_counter(c, "officer" + c);
    // A ticket every two minutes from 07:30 to 16:50, with a second one in
    // busy minutes; each counter finishes and calls every six minutes.
    for (int minute = 7 * 60 + 30, step = 0; minute < 16 * 60 + 50; minute += 2, ++step) {
      *now = local(day, minute);
      for (int extra = 0; extra < (step % 5 == 0 ? 2 : 1); ++extra) {
        TicketRequest request;
        request.service_id = all_services[static_cast<std::size_t>(
            (step + extra) % static_cast<int>(all_services.size()))];
        if (step % 9 == 0)
          request.priority_group = catalog->priority_groups.front().id;
        if ((*desk)->issue(request))
          ++tickets;
      }
      const auto &counter = counters[static_cast<std::size_t>(step % 4)];
      if (step % 3 == 0) {
        (*desk)->act(CounterAction::done, counter);
        if (auto called = (*desk)->act(CounterAction::call_next, counter)) {
          (*desk)->act(CounterAction::start, counter);
          if (step % 2 == 0) {
            Rating r;
            r.id = "00000000-0000-4000-8000-" + [&] {
              char hex[13];
              std::snprintf(hex, sizeof hex, "%012x", ratings + 1);
              return std::string(hex);
            }();
            r.level = levels[ratings % 4];
            if (r.level == "dissatisfied")
              r.reasons = {"waiting_time"};
            r.rated_at = rfc3339(day, minute + 1);
            if ((*store)->store_rating(r, "kiosk-1", r.rated_at))
              ++ratings;
          }
        }
      }
    }
  }
  std::printf("a year made: %d days, %d tickets, %d ratings in %.0f ms\n", days, tickets,
              ratings, ms_since(build_started));

  auto reports = StationReports::open(dir, *catalog);
  if (!reports)
    die(reports.error());
  for (const char *label : {"2026-11", "2026-Q4", "2026"}) {
    const auto period = *parse_period(label);
    for (bool satisfaction : {true, false}) {
      std::vector<double> times;
      std::size_t size = 0;
      for (int i = 0; i < repeat; ++i) {
        const auto t0 = SteadyClock::now();
        auto body = satisfaction ? (*reports)->satisfaction_json(period)
                                 : (*reports)->queue_json(period);
        times.push_back(ms_since(t0));
        if (!body)
          die(body.error());
        size = body->size();
      }
      std::sort(times.begin(), times.end());
      std::printf("%-12s %-7s  min %7.1f ms  median %7.1f ms  (%zu bytes, n=%d)\n",
                  satisfaction ? "satisfaction" : "queue", label, times.front(),
                  times[times.size() / 2], size, repeat);
    }
  }
  // A station restart on the year's last day replays that day's journal
  // after the counters set up on earlier days.
  std::vector<double> opens;
  for (int i = 0; i < repeat; ++i) {
    const auto t0 = SteadyClock::now();
    auto again = QueueDesk::open(*catalog, options, **store, clock);
    opens.push_back(ms_since(t0));
    if (!again)
      die(again.error());
  }
  std::sort(opens.begin(), opens.end());
  std::printf("desk start    %-7s  min %7.1f ms  median %7.1f ms  (n=%d)\n", "31 Dec",
              opens.front(), opens[opens.size() / 2], repeat);
  std::filesystem::remove_all(dir);
}
