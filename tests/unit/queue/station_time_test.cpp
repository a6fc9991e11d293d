#include "server/queue/station_time.hpp"

#include <doctest/doctest.h>

using namespace motcua::station::queue;

TEST_CASE("station time carries the day key, the weekday and seconds since midnight") {
  const StationTime t = make_station_time(2026, 11, 28, 8, 15, 3);
  CHECK(t.day == "2026-11-28");
  CHECK(t.weekday == saturday);
  CHECK(t.second_of_day == 8 * 3600 + 15 * 60 + 3);
  CHECK(t.minute_of_day() == 8 * 60 + 15);
  CHECK(make_station_time(2026, 11, 29, 0, 0).weekday == sunday);
}

TEST_CASE("station time converts a broken-down local time") {
  motcua::station::LocalTime local{2026, 11, 23, 23, 59, 59, 7 * 3600};
  const StationTime t = station_time(local);
  CHECK(t.day == "2026-11-23");
  CHECK(t.weekday == monday);
  CHECK(t.second_of_day == 86399);
}

TEST_CASE("durations are counted within one day only") {
  const StationTime a = make_station_time(2026, 11, 23, 9, 0);
  CHECK(seconds_between(a, make_station_time(2026, 11, 23, 9, 7, 30)) == 450);
  CHECK(seconds_between(a, make_station_time(2026, 11, 23, 8, 0)) == 0);
  CHECK(seconds_between(a, make_station_time(2026, 11, 24, 9, 5)) == 0);
  CHECK(a < make_station_time(2026, 11, 23, 9, 0, 1));
  CHECK(make_station_time(2026, 11, 23, 23, 0) < make_station_time(2026, 11, 24, 1, 0));
}
