#include "server/numbering.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace motcua::station {

std::string format_ticket_number(std::string_view prefix, int sequence) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%03d", sequence);
  return std::string(prefix) + digits;
}

std::string day_key(const LocalTime &t) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", t.year, t.month, t.day);
  return out;
}

std::string rfc3339(const LocalTime &t) {
  long offset_minutes = std::labs(t.utc_offset_seconds) / 60;
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", t.year,
                t.month, t.day, t.hour, t.minute, t.second,
                t.utc_offset_seconds < 0 ? '-' : '+', offset_minutes / 60,
                offset_minutes % 60);
  return out;
}

std::optional<TimePoint> parse_rfc3339(std::string_view s) {
  auto number = [&](std::size_t at, std::size_t n) -> int {
    if (at + n > s.size())
      return -1;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9')
        return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  const int hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 ||
      s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' ||
      s[16] != ':' || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  std::size_t at = 19;
  if (at < s.size() && s[at] == '.') {
    ++at;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9')
      ++at;
  }
  long offset = 0;
  if (at < s.size() && (s[at] == 'Z' || s[at] == 'z') && at + 1 == s.size()) {
    offset = 0;
  } else if (at + 6 == s.size() && (s[at] == '+' || s[at] == '-') && s[at + 3] == ':') {
    const int oh = number(at + 1, 2), om = number(at + 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59)
      return std::nullopt;
    offset = (s[at] == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
  } else {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(unsigned(month)),
                                         std::chrono::day(unsigned(day))};
  if (!date.ok())
    return std::nullopt;
  return TimePoint(std::chrono::sys_days(date)) + std::chrono::hours(hour) +
         std::chrono::minutes(minute) + std::chrono::seconds(second) -
         std::chrono::seconds(offset);
}

int estimated_wait_minutes(int people_ahead, const Service &service) {
  return people_ahead * service.avg_service_minutes;
}

} // namespace motcua::station
