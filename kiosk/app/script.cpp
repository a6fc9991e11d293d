#include "kiosk/app/script.hpp"

#include "kiosk/app/technician_state.hpp"

#include <charconv>
#include <sstream>

namespace motcua::kiosk::script {

namespace {

std::vector<std::string> split_words(std::string_view line) {
  std::vector<std::string> words;
  std::istringstream in{std::string(line)};
  for (std::string w; in >> w;)
    words.push_back(w);
  return words;
}

bool parse_int(const std::string &s, int &out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && end == s.data() + s.size();
}

struct LineError {
  std::string message;
};

Duration optional_timeout(const std::vector<std::string> &w, std::size_t at) {
  if (w.size() <= at)
    return kDefaultTimeout;
  int ms = 0;
  if (!parse_int(w[at], ms) || ms <= 0)
    throw LineError{"timeout \"" + w[at] +
                    "\" must be a positive number of milliseconds"};
  return Duration{ms};
}

void expect_args(const std::vector<std::string> &w, std::size_t min, std::size_t max,
                 std::string_view usage) {
  const std::size_t args = w.size() - 1;
  if (args < min || args > max)
    throw LineError{"usage: " + std::string(usage)};
}

Command parse_command(const std::vector<std::string> &w) {
  const std::string &name = w[0];
  if (name == "wait-screen") {
    expect_args(w, 1, 2, "wait-screen NAME [TIMEOUT_MS]");
    auto screen = parse_screen_name(w[1]);
    if (!screen)
      throw LineError{"unknown screen \"" + w[1] +
                      "\" (home, services, priority, issuing, ticket, error, closed, "
                      "rating, reasons, ticket-entry, thanks, attract, connecting)"};
    return WaitScreen{*screen, optional_timeout(w, 2)};
  }
  if (name == "wait-technician") {
    expect_args(w, 1, 2, "wait-technician NAME [TIMEOUT_MS]");
    if (!tech::parse_screen_name(w[1]))
      throw LineError{"unknown technician screen \"" + w[1] +
                      "\" (pin, diagnostics, settings, enroll, setup-..., closed)"};
    return WaitTechnician{w[1], optional_timeout(w, 2)};
  }
  if (name == "wait-label") {
    if (w.size() < 4)
      throw LineError{"usage: wait-label ID TIMEOUT_MS TEXT..."};
    WaitLabel c{w[1], optional_timeout(w, 2), w[3]};
    for (std::size_t i = 4; i < w.size(); ++i)
      c.text += " " + w[i];
    return c;
  }
  if (name == "tap-service") {
    expect_args(w, 1, 1, "tap-service ID");
    return TapService{w[1]};
  }
  if (name == "tap" || name == "click-button") {
    expect_args(w, 1, 1, name == "tap" ? "tap BUTTON_ID" : "click-button BUTTON_ID");
    return TapButton{w[1], name == "tap" ? Pointer::finger : Pointer::mouse};
  }
  if (name == "click") {
    expect_args(w, 2, 2, "click X Y");
    Click c;
    if (!parse_int(w[1], c.x) || !parse_int(w[2], c.y) || c.x < 0 || c.y < 0)
      throw LineError{"click needs two non-negative pixel coordinates"};
    return c;
  }
  if (name == "wait-print") {
    expect_args(w, 0, 1, "wait-print [TIMEOUT_MS]");
    return WaitPrint{optional_timeout(w, 1)};
  }
  if (name == "wait-printer") {
    expect_args(w, 1, 2, "wait-printer CONDITION [TIMEOUT_MS]");
    auto condition = printer::condition_from_name(w[1]);
    if (!condition)
      throw LineError{"unknown printer condition \"" + w[1] +
                      "\" (ready, media-empty, cover-open, stopped, offline, ...)"};
    return WaitPrinter{*condition, optional_timeout(w, 2)};
  }
  if (name == "screenshot") {
    expect_args(w, 1, 1, "screenshot PATH");
    return Screenshot{w[1]};
  }
  if (name == "print-state") {
    expect_args(w, 0, 0, "print-state");
    return PrintState{};
  }
  if (name == "sleep") {
    expect_args(w, 1, 1, "sleep MS");
    return Sleep{optional_timeout(w, 1)};
  }
  if (name == "quit") {
    expect_args(w, 0, 0, "quit");
    return Quit{};
  }
  throw LineError{"unknown command \"" + name + "\""};
}

} // namespace

Result<std::vector<Line>> parse(std::string_view text, std::string_view source) {
  std::vector<Line> lines;
  int number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos)
      end = text.size();
    auto line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (auto hash = line.find('#'); hash != std::string_view::npos)
      line = line.substr(0, hash);
    auto words = split_words(line);
    if (words.empty())
      continue;
    try {
      lines.push_back(Line{number, parse_command(words)});
    } catch (const LineError &e) {
      return unexpected(std::string(source) + ":" + std::to_string(number) + ": " +
                        e.message);
    }
  }
  return lines;
}

} // namespace motcua::kiosk::script
