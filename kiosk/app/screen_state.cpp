#include "kiosk/app/screen_state.hpp"

#include <array>
#include <utility>

namespace motcua::kiosk {

namespace {
constexpr std::array<std::pair<Screen, std::string_view>, 5> kScreenNames = {{
    {Screen::connecting, "connecting"},
    {Screen::home, "home"},
    {Screen::issuing, "issuing"},
    {Screen::ticket, "ticket"},
    {Screen::error, "error"},
}};
} // namespace

std::string_view screen_name(Screen screen) {
  for (const auto &[s, name] : kScreenNames)
    if (s == screen)
      return name;
  return "unknown";
}

std::optional<Screen> parse_screen_name(std::string_view name) {
  for (const auto &[s, n] : kScreenNames)
    if (n == name)
      return s;
  return std::nullopt;
}

std::string_view print_status_name(PrintStatus status) {
  switch (status) {
  case PrintStatus::printing:
    return "printing";
  case PrintStatus::printed:
    return "printed";
  case PrintStatus::failed:
    return "failed";
  }
  return "unknown";
}

std::vector<std::string> service_ids(const State &state) {
  std::vector<std::string> ids;
  if (state.catalog)
    for (const auto &s : state.catalog->services)
      ids.push_back(s.id);
  return ids;
}

std::string describe_state(const State &state) {
  std::string out = "state=" + std::string(screen_name(state.screen));
  if (state.ticket)
    out += " number=" + state.ticket->number +
           " print=" + std::string(print_status_name(state.print));
  return out;
}

} // namespace motcua::kiosk
