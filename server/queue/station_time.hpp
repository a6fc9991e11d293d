#pragma once
// Station-local wall time as the queue engine sees it. The engine never reads a
// clock: callers convert "now" once (station_time) and pass it in, so tests and
// replays drive the queue with any time they like.
#include "server/station_clock.hpp"

#include <compare>
#include <string>

namespace motcua::station::queue {

// 0 = Sunday .. 6 = Saturday, as std::chrono::weekday::c_encoding().
enum Weekday : int { sunday, monday, tuesday, wednesday, thursday, friday, saturday };

struct StationTime {
  std::string day;       // "2026-11-28": sequences restart when it changes
  int weekday = monday;  // must agree with day
  int second_of_day = 0; // 0..86399 since local midnight

  int minute_of_day() const { return second_of_day / 60; }
  friend auto operator<=>(const StationTime &, const StationTime &) = default;
};

// Seconds from a to b on the same day; 0 when b is not after a or the days differ
// (a service never spans midnight: the rollover expires it).
int seconds_between(const StationTime &a, const StationTime &b);

// The local time as the engine's time; the weekday is derived from the date.
StationTime station_time(const LocalTime &local);

// For configuration and tests: "2026-11-28", 8, 15 → Saturday 08:15:00.
StationTime make_station_time(int year, int month, int day, int hour, int minute,
                              int second = 0);

} // namespace motcua::station::queue
