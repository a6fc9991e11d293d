#include "server/numbering.hpp"

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

int estimated_wait_minutes(int people_ahead, const Service &service) {
  return people_ahead * service.avg_service_minutes;
}

} // namespace motcua::station
