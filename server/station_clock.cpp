#include "server/station_clock.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace motcua::station {

Clock system_clock() {
  return [] { return std::chrono::system_clock::now(); };
}

Clock fixed_clock(TimePoint at) {
  return [at] { return at; };
}

namespace {

// POSIX zone strings ("ICT-7", "<+07>-7") carry their own offset; names like
// "Asia/Ho_Chi_Minh" or "UTC" must exist in the tz database.
bool is_posix_zone_string(const std::string &zone) {
  return zone.find_first_of("0123456789,<") != std::string::npos &&
         zone.find('/') == std::string::npos;
}

std::filesystem::path tz_database_dir() {
  const char *dir = std::getenv("TZDIR");
  return (dir && *dir) ? std::filesystem::path(dir)
                       : std::filesystem::path("/usr/share/zoneinfo");
}

} // namespace

std::optional<std::string> set_station_time_zone(const std::string &zone) {
  if (zone.empty())
    return "the time zone must not be empty";
  if (zone.find("..") != std::string::npos || zone.front() == '/')
    return "the time zone \"" + zone + "\" is not a zone name";
  if (!is_posix_zone_string(zone)) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(tz_database_dir() / zone, ec))
      return "the time zone \"" + zone + "\" is not in the tz database (" +
             tz_database_dir().string() + ")";
  }
  ::setenv("TZ", zone.c_str(), 1);
  ::tzset();
  return std::nullopt;
}

LocalTime to_local_time(TimePoint at) {
  std::time_t t = std::chrono::system_clock::to_time_t(at);
  std::tm tm{};
  ::localtime_r(&t, &tm);
  LocalTime local;
  local.year = tm.tm_year + 1900;
  local.month = tm.tm_mon + 1;
  local.day = tm.tm_mday;
  local.hour = tm.tm_hour;
  local.minute = tm.tm_min;
  local.second = tm.tm_sec;
  local.utc_offset_seconds = tm.tm_gmtoff;
  return local;
}

} // namespace motcua::station
