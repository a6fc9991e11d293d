#include "net/system/log.hpp"

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace motcua {

namespace {
std::mutex problem_mutex;
std::string last_problem;

bool stderr_is_journal() {
  // systemd sets JOURNAL_STREAM for units whose stderr goes to the journal.
  static const bool journal = std::getenv("JOURNAL_STREAM") != nullptr;
  return journal;
}
} // namespace

std::string format_log_line(std::string_view program, LogLevel level,
                            std::string_view line, bool journal) {
  std::string out;
  out.reserve(program.size() + line.size() + 8);
  if (journal) {
    out += '<';
    out += static_cast<char>('0' + static_cast<int>(level));
    out += '>';
  }
  out.append(program).append(": ").append(line).push_back('\n');
  return out;
}

void log_line(std::string_view program, LogLevel level, std::string_view line) {
  const std::string out = format_log_line(program, level, line, stderr_is_journal());
  std::fwrite(out.data(), 1, out.size(), stderr);
  if (level <= LogLevel::warning) {
    std::lock_guard lock(problem_mutex);
    last_problem = std::string(line);
  }
}

std::string last_logged_problem() {
  std::lock_guard lock(problem_mutex);
  return last_problem;
}

} // namespace motcua
