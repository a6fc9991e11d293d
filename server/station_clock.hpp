#pragma once
// The station's notion of "now" and of its local time zone. Everything that
// turns a time point into a day key or a printed time goes through here, so
// tests can inject a fixed time point instead of reading the system clock.
#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace motcua::station {

using TimePoint = std::chrono::system_clock::time_point;
using Clock = std::function<TimePoint()>;

Clock system_clock();
Clock fixed_clock(TimePoint at); // for tests

// Sets TZ for the whole process and calls tzset(). Call once at start-up,
// before any other thread exists: localtime_r reads the process-wide zone.
// Returns an error message when the zone is unknown (glibc would otherwise
// fall back to UTC silently).
std::optional<std::string> set_station_time_zone(const std::string &zone);

// A broken-down local time in the station's zone.
struct LocalTime {
  int year = 1970;
  int month = 1; // 1..12
  int day = 1;   // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  long utc_offset_seconds = 0; // +25200 for Asia/Ho_Chi_Minh
};

LocalTime to_local_time(TimePoint at);

} // namespace motcua::station
