#pragma once
// The periods the chief reports on (Decision 766/QĐ-TTg scores stations by
// month, quarter and year): a month "2026-11", a quarter "2026-Q4" or a year
// "2026", as the days they cover and the period before, to compare with.
#include <optional>
#include <string>
#include <string_view>

namespace motcua::station {

struct ReportPeriod {
  enum class Kind { month, quarter, year };
  Kind kind = Kind::month;
  std::string label; // as written: "2026-11", "2026-Q4", "2026"
  // Days "YYYY-MM-DD", both included.
  std::string from;
  std::string to;
};

// nullopt when `text` is none of the three forms or names no real period.
std::optional<ReportPeriod> parse_period(std::string_view text);

// The period of the same kind just before: 2026-01 → 2025-12, 2026-Q1 →
// 2025-Q4, 2026 → 2025.
ReportPeriod previous_period(const ReportPeriod &period);

// Days "YYYY-MM-DD" → "YYYY-MM" and "YYYY-Qn", the keys of the per-month
// and per-quarter groups.
std::string month_of(std::string_view day);
std::string quarter_of(std::string_view day);

} // namespace motcua::station
