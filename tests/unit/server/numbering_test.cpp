#include "server/numbering.hpp"
#include "server/station_clock.hpp"
#include "tests/unit/server/test_support.hpp"

#include <doctest/doctest.h>

using namespace motcua::station;
using motcua::station::test::utc;

TEST_CASE("ticket numbers are the prefix and three digits") {
  CHECK(format_ticket_number("A", 1) == "A001");
  CHECK(format_ticket_number("B", 15) == "B015");
  CHECK(format_ticket_number("K", 999) == "K999");
}

TEST_CASE("day keys and RFC 3339 times are formatted from a local time") {
  LocalTime t{2026, 3, 7, 8, 5, 9, 7 * 3600};
  CHECK(day_key(t) == "2026-03-07");
  CHECK(rfc3339(t) == "2026-03-07T08:05:09+07:00");
  t.utc_offset_seconds = -(3 * 3600 + 30 * 60);
  CHECK(rfc3339(t) == "2026-03-07T08:05:09-03:30");
  t.utc_offset_seconds = 0;
  CHECK(rfc3339(t) == "2026-03-07T08:05:09+00:00");
}

TEST_CASE("the estimated wait is people ahead times the service's average") {
  motcua::Service service;
  service.avg_service_minutes = 12;
  CHECK(estimated_wait_minutes(0, service) == 0);
  CHECK(estimated_wait_minutes(5, service) == 60);
}

TEST_CASE("the station day rolls over at midnight in Asia/Ho_Chi_Minh, not UTC") {
  test::use_station_zone();
  // 16:59:59 UTC is 23:59:59 in Vietnam (UTC+7, no daylight saving).
  const LocalTime before = to_local_time(utc(2026, 11, 27, 16, 59, 59));
  const LocalTime after = to_local_time(utc(2026, 11, 27, 17, 0, 0));
  CHECK(day_key(before) == "2026-11-27");
  CHECK(rfc3339(before) == "2026-11-27T23:59:59+07:00");
  CHECK(day_key(after) == "2026-11-28");
  CHECK(rfc3339(after) == "2026-11-28T00:00:00+07:00");
  // Noon UTC on the 27th is still the 27th locally.
  CHECK(day_key(to_local_time(utc(2026, 11, 27, 12, 0, 0))) == "2026-11-27");
}

TEST_CASE("a fixed clock returns the injected time point") {
  const auto at = utc(2026, 1, 2, 3, 4, 5);
  CHECK(fixed_clock(at)() == at);
}

TEST_CASE("unknown time zones are refused instead of silently becoming UTC") {
  CHECK(set_station_time_zone("Mars/Olympus_Mons").has_value());
  CHECK(set_station_time_zone("").has_value());
  CHECK(set_station_time_zone("../../etc/passwd").has_value());
  // A valid zone is accepted; it is the one every station test uses.
  CHECK_FALSE(set_station_time_zone("Asia/Ho_Chi_Minh").has_value());
}
