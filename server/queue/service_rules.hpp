#pragma once
// How one service issues tickets: prefix, number range, daily cap and the
// weekly issuing windows. The catalog gives prefix, cap, average time and the
// hours (issuing_hours), or the usual commune desk hours apply.
#include "net/protocol/catalog.hpp"
#include "server/queue/station_time.hpp"

#include <array>
#include <string>
#include <vector>

namespace motcua::station::queue {

using motcua::MinuteRange;
using motcua::WeeklyHours;

// Tickets may be issued from start_minute (inclusive) to end_minute (exclusive),
// in minutes since local midnight.
struct IssuingWindow {
  int start_minute = 0;
  int end_minute = 0;
};

using WeeklyWindows = std::array<std::vector<IssuingWindow>, 7>; // by Weekday

// Monday–Friday 07:30–11:30 and 13:30–16:30, Saturday 07:30–11:30, Sunday
// closed: a service's hours when the catalog names none.
WeeklyHours usual_issuing_hours();
WeeklyWindows windows_of(const WeeklyHours &hours);
WeeklyWindows default_issuing_windows(); // windows_of(usual_issuing_hours())
// Every minute of every day: for kiosks in testing and for tests.
WeeklyWindows always_issuing();

struct ServiceRules {
  std::string id;
  std::string prefix;
  int daily_cap = 300;
  int first_number = 1; // printed numbers run first_number..last_number
  int last_number = 999;
  WeeklyWindows windows = default_issuing_windows();
  int default_service_minutes = 10; // the estimate before any ticket is done today

  bool issuing_at(const StationTime &t) const;
  // Tickets a day can hold: the cap, or fewer when the number range is shorter.
  int capacity() const;
};

ServiceRules rules_from_catalog(const Service &service);
std::vector<ServiceRules> rules_from_catalog(const Catalog &catalog);

// "A" + 7 → "A007".
std::string ticket_number(const ServiceRules &rules, int sequence);

} // namespace motcua::station::queue
