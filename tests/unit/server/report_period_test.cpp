#include "server/reports/report_period.hpp"

#include <doctest/doctest.h>

using namespace motcua::station;

namespace {
void check(const std::optional<ReportPeriod> &p, ReportPeriod::Kind kind,
           const char *label, const char *from, const char *to) {
  REQUIRE(p);
  CHECK(p->kind == kind);
  CHECK(p->label == label);
  CHECK(p->from == from);
  CHECK(p->to == to);
}
} // namespace

TEST_CASE("a report period is a month, a quarter or a year, with its days") {
  using K = ReportPeriod::Kind;
  check(parse_period("2026-11"), K::month, "2026-11", "2026-11-01", "2026-11-30");
  check(parse_period("2028-02"), K::month, "2028-02", "2028-02-01", "2028-02-29");
  check(parse_period("2026-Q1"), K::quarter, "2026-Q1", "2026-01-01", "2026-03-31");
  check(parse_period("2026-Q4"), K::quarter, "2026-Q4", "2026-10-01", "2026-12-31");
  check(parse_period("2026"), K::year, "2026", "2026-01-01", "2026-12-31");
}

TEST_CASE("a malformed or impossible period is refused") {
  for (const char *bad :
       {"", "2026-13", "2026-00", "2026-1", "2026-Q0", "2026-Q5", "2026-q4", "26-11",
        "2026-11-01", "+026", "-2026", "1999", "2026-1a", "20261", "2026 ", "abcd"})
    CHECK_MESSAGE(!parse_period(bad), bad);
}

TEST_CASE("the period before is of the same kind, across year ends") {
  CHECK(previous_period(*parse_period("2026-11")).label == "2026-10");
  CHECK(previous_period(*parse_period("2026-01")).label == "2025-12");
  CHECK(previous_period(*parse_period("2026-01")).to == "2025-12-31");
  CHECK(previous_period(*parse_period("2026-Q3")).label == "2026-Q2");
  CHECK(previous_period(*parse_period("2026-Q1")).label == "2025-Q4");
  CHECK(previous_period(*parse_period("2026-Q1")).from == "2025-10-01");
  CHECK(previous_period(*parse_period("2026")).label == "2025");
  CHECK(previous_period(*parse_period("2026")).to == "2025-12-31");
}

TEST_CASE("a day belongs to its month and quarter") {
  CHECK(month_of("2026-11-04") == "2026-11");
  CHECK(quarter_of("2026-01-01") == "2026-Q1");
  CHECK(quarter_of("2026-03-31") == "2026-Q1");
  CHECK(quarter_of("2026-04-01") == "2026-Q2");
  CHECK(quarter_of("2026-12-31") == "2026-Q4");
}
