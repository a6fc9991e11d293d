#include "server/queue/station_time.hpp"

#include <chrono>
#include <cstdio>

namespace motcua::station::queue {

int seconds_between(const StationTime &a, const StationTime &b) {
  if (a.day != b.day || b.second_of_day < a.second_of_day)
    return 0;
  return b.second_of_day - a.second_of_day;
}

StationTime make_station_time(int year, int month, int day, int hour, int minute,
                              int second) {
  namespace chr = std::chrono;
  const chr::year_month_day date{chr::year{year}, chr::month{unsigned(month)},
                                 chr::day{unsigned(day)}};
  char key[16];
  std::snprintf(key, sizeof key, "%04d-%02d-%02d", year, month, day);
  return StationTime{key, int(chr::weekday{chr::sys_days{date}}.c_encoding()),
                     hour * 3600 + minute * 60 + second};
}

StationTime station_time(const LocalTime &local) {
  return make_station_time(local.year, local.month, local.day, local.hour, local.minute,
                           local.second);
}

} // namespace motcua::station::queue
