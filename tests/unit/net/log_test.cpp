// Log lines carry the sd-daemon(3) priority prefix only when the journal reads
// them, and the last problem is kept for the kiosk's diagnostics page.
#include "net/system/log.hpp"

#include <doctest/doctest.h>

using namespace motcua;

TEST_CASE("journal lines start with their syslog priority, terminal lines do not") {
  CHECK(format_log_line("motcua-kiosk", LogLevel::warning, "printer offline", true) ==
        "<4>motcua-kiosk: printer offline\n");
  CHECK(format_log_line("motcua-station", LogLevel::error, "x", true) ==
        "<3>motcua-station: x\n");
  CHECK(format_log_line("motcua-station", LogLevel::debug, "x", true) ==
        "<7>motcua-station: x\n");
  CHECK(format_log_line("motcua-kiosk", LogLevel::info, "first frame", false) ==
        "motcua-kiosk: first frame\n");
}

TEST_CASE("the last warning or error is kept, information is not") {
  log_line("test", LogLevel::warning, "disk nearly full");
  log_line("test", LogLevel::info, "all is well");
  CHECK(last_logged_problem() == "disk nearly full");
  log_line("test", LogLevel::error, "journal failed");
  CHECK(last_logged_problem() == "journal failed");
}
