#pragma once
// How the station names tickets, days and times: pure functions, no clock.
#include "net/protocol/catalog.hpp"
#include "server/station_clock.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace motcua::station {

// "A" + 1 → "A001". Sequences are 1..999 (the catalog caps daily_cap at 999).
std::string format_ticket_number(std::string_view prefix, int sequence);

// "2026-11-28": the station-local day; daily sequences restart when it changes.
std::string day_key(const LocalTime &local);

// "2026-11-28T08:15:03+07:00".
std::string rfc3339(const LocalTime &local);

// The instant "2026-11-28T08:15:03+07:00" (or "...Z", fractions ignored)
// names; nullopt when malformed. Kiosks stamp offline tickets in their own
// zone: the instant, not the digits, places them in the station's day.
std::optional<TimePoint> parse_rfc3339(std::string_view text);

// The walking skeleton's estimate: everyone ahead takes the service's average
// time at a single counter. A later issue replaces it with one that knows the
// open counters and the measured service times.
int estimated_wait_minutes(int people_ahead, const Service &service);

} // namespace motcua::station
