#include "net/protocol/issuing_hours.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <cstdio>

namespace motcua {

namespace json = boost::json;

namespace {
constexpr std::string_view kKeys[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

// "HH:MM" → minutes, 00:00..24:00.
std::optional<int> clock_minutes(std::string_view text) {
  if (text.size() != 5 || text[2] != ':')
    return std::nullopt;
  int h = 0, m = 0;
  auto digits = [](std::string_view two, int &out) {
    auto [end, ec] = std::from_chars(two.data(), two.data() + 2, out);
    return ec == std::errc{} && end == two.data() + 2 && two[0] != '-' && two[0] != '+';
  };
  if (!digits(text.substr(0, 2), h) || !digits(text.substr(3, 2), m) || m > 59 ||
      h > 24 || (h == 24 && m != 0))
    return std::nullopt;
  return h * 60 + m;
}
} // namespace

std::string_view weekday_key(int weekday) { return kKeys[weekday % 7]; }

std::optional<MinuteRange> parse_minute_range(std::string_view text) {
  if (text.size() != 11 || text[5] != '-')
    return std::nullopt;
  auto start = clock_minutes(text.substr(0, 5));
  auto end = clock_minutes(text.substr(6, 5));
  if (!start || !end || *start >= *end || *start == 24 * 60)
    return std::nullopt;
  return MinuteRange{*start, *end};
}

std::string minute_range_text(const MinuteRange &r) {
  char out[16];
  std::snprintf(out, sizeof out, "%02d:%02d-%02d:%02d", r.start / 60, r.start % 60,
                r.end / 60, r.end % 60);
  return out;
}

Result<WeeklyHours, std::string> parse_issuing_hours(const json::value &value) {
  if (!value.is_object())
    return unexpected(
        std::string("must be an object of days (\"mon\": [\"07:30-11:30\"])"));
  WeeklyHours hours;
  for (const auto &[key, ranges] : value.as_object()) {
    int day = -1;
    for (int d = 0; d < 7; ++d)
      if (kKeys[d] == key)
        day = d;
    if (day < 0)
      return unexpected("has \"" + std::string(key) +
                        "\", not a day: sun, mon, tue, wed, thu, fri, sat");
    if (!ranges.is_array())
      return unexpected(std::string(key) + " must be a list of \"HH:MM-HH:MM\"");
    for (const auto &item : ranges.as_array()) {
      auto range = item.is_string() ? parse_minute_range(item.as_string()) : std::nullopt;
      if (!range)
        return unexpected(std::string(key) + ": " +
                          (item.is_string() ? "\"" + std::string(item.as_string()) + "\""
                                            : std::string("an item")) +
                          " is not \"HH:MM-HH:MM\" with the start before the end");
      if (!hours[day].empty() && hours[day].back().end > range->start)
        return unexpected(std::string(key) + ": " + minute_range_text(*range) +
                          " overlaps or comes before " +
                          minute_range_text(hours[day].back()));
      hours[day].push_back(*range);
    }
  }
  return hours;
}

json::object issuing_hours_json(const WeeklyHours &hours) {
  json::object out;
  // Monday first, as a person reads a week.
  for (int d : {1, 2, 3, 4, 5, 6, 0}) {
    if (hours[d].empty())
      continue;
    json::array ranges;
    for (const auto &r : hours[d])
      ranges.push_back(json::string(minute_range_text(r)));
    out[kKeys[d]] = std::move(ranges);
  }
  return out;
}

} // namespace motcua
