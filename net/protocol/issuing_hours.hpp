#pragma once
// A service's weekly issuing hours as the catalog writes them:
//   "issuing_hours": {"mon": ["07:30-11:30", "13:30-16:30"], ..., "sat":
//   ["07:30-11:30"]}
// A day not named issues nothing; a catalog without the field keeps the
// station's usual hours. Shared by the station (numbering) and the kiosk
// (the same catalog parser).
#include "net/protocol/result.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

namespace motcua {

// Minutes since local midnight, start inclusive, end exclusive.
struct MinuteRange {
  int start = 0;
  int end = 0;
  bool operator==(const MinuteRange &) const = default;
};

// Index 0 = Sunday ... 6 = Saturday, as the station's weekday.
using WeeklyHours = std::array<std::vector<MinuteRange>, 7>;

// "sun", "mon", ... "sat".
std::string_view weekday_key(int weekday);

// "07:30-11:30" → {450, 690}; "24:00" may end a range. nullopt otherwise.
std::optional<MinuteRange> parse_minute_range(std::string_view text);
std::string minute_range_text(const MinuteRange &range);

// The field's value; the error names the day and says what is wrong. Ranges
// of a day must be in order and must not overlap.
Result<WeeklyHours, std::string> parse_issuing_hours(const boost::json::value &value);
boost::json::object issuing_hours_json(const WeeklyHours &hours);

} // namespace motcua
