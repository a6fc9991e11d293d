#include "server/queue/service_rules.hpp"

#include <algorithm>
#include <cstdio>

namespace motcua::station::queue {

namespace {
constexpr int hm(int hour, int minute) { return hour * 60 + minute; }
} // namespace

WeeklyHours usual_issuing_hours() {
  WeeklyHours h;
  const std::vector<MinuteRange> weekday{{hm(7, 30), hm(11, 30)},
                                         {hm(13, 30), hm(16, 30)}};
  for (int d = monday; d <= friday; ++d)
    h[d] = weekday;
  h[saturday] = {{hm(7, 30), hm(11, 30)}};
  return h;
}

WeeklyWindows windows_of(const WeeklyHours &hours) {
  WeeklyWindows w;
  for (int d = 0; d < 7; ++d)
    for (const auto &r : hours[d])
      w[d].push_back({r.start, r.end});
  return w;
}

WeeklyWindows default_issuing_windows() { return windows_of(usual_issuing_hours()); }

WeeklyWindows always_issuing() {
  WeeklyWindows w;
  for (auto &day : w)
    day = {{0, 24 * 60}};
  return w;
}

bool ServiceRules::issuing_at(const StationTime &t) const {
  if (t.weekday < 0 || t.weekday > 6)
    return false;
  const int minute = t.minute_of_day();
  return std::any_of(windows[t.weekday].begin(), windows[t.weekday].end(),
                     [&](const IssuingWindow &w) {
                       return minute >= w.start_minute && minute < w.end_minute;
                     });
}

int ServiceRules::capacity() const {
  return std::max(0, std::min(daily_cap, last_number - first_number + 1));
}

ServiceRules rules_from_catalog(const Service &service) {
  ServiceRules rules;
  rules.id = service.id;
  rules.prefix = service.prefix;
  rules.daily_cap = service.daily_cap;
  rules.default_service_minutes = service.avg_service_minutes;
  if (service.issuing_hours)
    rules.windows = windows_of(*service.issuing_hours);
  return rules;
}

std::vector<ServiceRules> rules_from_catalog(const Catalog &catalog) {
  std::vector<ServiceRules> out;
  for (const Service &s : catalog.services)
    out.push_back(rules_from_catalog(s));
  return out;
}

std::string ticket_number(const ServiceRules &rules, int sequence) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%03d", sequence);
  return rules.prefix + digits;
}

} // namespace motcua::station::queue
