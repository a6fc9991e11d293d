#include "server/reports/report_period.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace motcua::station {

namespace {

// Exactly `digits` decimal digits.
std::optional<int> number(std::string_view text, std::size_t digits) {
  if (text.size() != digits)
    return std::nullopt;
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text[0] == '-' ||
      text[0] == '+')
    return std::nullopt;
  return value;
}

std::string day_text(int year, unsigned month, unsigned day) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", year, month, day);
  return out;
}

unsigned last_day(int year, unsigned month) {
  return static_cast<unsigned>(std::chrono::year_month_day_last{
      std::chrono::year{year}, std::chrono::month_day_last{std::chrono::month{month}}}
                                   .day());
}

ReportPeriod months(ReportPeriod::Kind kind, std::string label, int year, unsigned first,
                    unsigned last) {
  return ReportPeriod{kind, std::move(label), day_text(year, first, 1),
                      day_text(year, last, last_day(year, last))};
}

ReportPeriod month(int year, unsigned m) {
  char label[8];
  std::snprintf(label, sizeof label, "%04d-%02u", year, m);
  return months(ReportPeriod::Kind::month, label, year, m, m);
}

ReportPeriod quarter(int year, unsigned q) {
  return months(ReportPeriod::Kind::quarter,
                std::to_string(year) + "-Q" + std::to_string(q), year, 3 * q - 2, 3 * q);
}

ReportPeriod whole_year(int year) {
  return months(ReportPeriod::Kind::year, std::to_string(year), year, 1, 12);
}

} // namespace

std::optional<ReportPeriod> parse_period(std::string_view text) {
  auto year = number(text.substr(0, 4), 4);
  if (!year || *year < 2000)
    return std::nullopt;
  if (text.size() == 4)
    return whole_year(*year);
  if (text.size() == 7 && text[4] == '-' && text[5] == 'Q') {
    auto q = number(text.substr(6), 1);
    if (!q || *q < 1 || *q > 4)
      return std::nullopt;
    return quarter(*year, static_cast<unsigned>(*q));
  }
  if (text.size() == 7 && text[4] == '-') {
    auto m = number(text.substr(5), 2);
    if (!m || *m < 1 || *m > 12)
      return std::nullopt;
    return month(*year, static_cast<unsigned>(*m));
  }
  return std::nullopt;
}

ReportPeriod previous_period(const ReportPeriod &period) {
  const int year = *number(std::string_view(period.from).substr(0, 4), 4);
  const unsigned first_month =
      static_cast<unsigned>(*number(std::string_view(period.from).substr(5, 2), 2));
  switch (period.kind) {
  case ReportPeriod::Kind::year:
    return whole_year(year - 1);
  case ReportPeriod::Kind::quarter: {
    const unsigned q = (first_month + 2) / 3;
    return q == 1 ? quarter(year - 1, 4) : quarter(year, q - 1);
  }
  case ReportPeriod::Kind::month:
    break;
  }
  return first_month == 1 ? month(year - 1, 12) : month(year, first_month - 1);
}

std::string month_of(std::string_view day) { return std::string(day.substr(0, 7)); }

std::string quarter_of(std::string_view day) {
  const auto m = number(day.substr(5, 2), 2).value_or(1);
  return std::string(day.substr(0, 4)) + "-Q" + std::to_string((m + 2) / 3);
}

} // namespace motcua::station
