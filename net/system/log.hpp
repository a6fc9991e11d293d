#pragma once
// Log lines to stderr with a syslog level. Under systemd (JOURNAL_STREAM set:
// stderr is the journal) each line starts with the sd-daemon(3) priority
// prefix "<3>".."<7>", so `journalctl -p warning` finds the problems; in a
// terminal or a test log the prefix is left out. The last problem is kept for
// the kiosk's diagnostics page.
#include <string>
#include <string_view>

namespace motcua {

enum class LogLevel { error = 3, warning = 4, notice = 5, info = 6, debug = 7 };

// "<4>motcua-kiosk: printer offline\n" (journal) or "motcua-kiosk: printer offline\n".
std::string format_log_line(std::string_view program, LogLevel level,
                            std::string_view line, bool journal);

// Writes one line in a single call, so threads do not interleave.
void log_line(std::string_view program, LogLevel level, std::string_view line);

// The last line logged at warning or worse, "" before any; safe from any thread.
std::string last_logged_problem();

} // namespace motcua
