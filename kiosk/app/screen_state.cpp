#include "kiosk/app/screen_state.hpp"

#include "net/protocol/rating.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace motcua::kiosk {

namespace {

template <typename T, std::size_t N>
std::string_view name_of(const std::array<std::pair<T, std::string_view>, N> &table,
                         T value) {
  for (const auto &[v, name] : table)
    if (v == value)
      return name;
  return "unknown";
}

template <typename T, std::size_t N>
std::optional<T> parse_name(const std::array<std::pair<T, std::string_view>, N> &table,
                            std::string_view name) {
  for (const auto &[v, n] : table)
    if (n == name)
      return v;
  return std::nullopt;
}

constexpr std::array<std::pair<Screen, std::string_view>, 13> kScreenNames = {{
    {Screen::connecting, "connecting"},
    {Screen::home, "home"},
    {Screen::services, "services"},
    {Screen::priority, "priority"},
    {Screen::issuing, "issuing"},
    {Screen::ticket, "ticket"},
    {Screen::error, "error"},
    {Screen::closed, "closed"},
    {Screen::rating, "rating"},
    {Screen::reasons, "reasons"},
    {Screen::ticket_entry, "ticket-entry"},
    {Screen::thanks, "thanks"},
    {Screen::attract, "attract"},
}};

constexpr std::array<std::pair<KioskMode, std::string_view>, 3> kModeNames = {{
    {KioskMode::arrival, "arrival"},
    {KioskMode::departure, "departure"},
    {KioskMode::both, "both"},
}};

constexpr std::array<std::pair<TicketLink, std::string_view>, 3> kLinkNames = {{
    {TicketLink::off, "off"},
    {TicketLink::before, "before"},
    {TicketLink::after, "after"},
}};

} // namespace

std::string_view screen_name(Screen screen) { return name_of(kScreenNames, screen); }
std::optional<Screen> parse_screen_name(std::string_view name) {
  return parse_name(kScreenNames, name);
}
std::string_view mode_name(KioskMode mode) { return name_of(kModeNames, mode); }
std::optional<KioskMode> parse_mode_name(std::string_view name) {
  return parse_name(kModeNames, name);
}
std::string_view ticket_link_name(TicketLink link) { return name_of(kLinkNames, link); }
std::optional<TicketLink> parse_ticket_link_name(std::string_view name) {
  return parse_name(kLinkNames, name);
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

std::string_view closed_reason_key(ClosedReason reason) {
  switch (reason) {
  case ClosedReason::out_of_service:
    return "out_of_service";
  case ClosedReason::outside_hours:
    return "outside_hours";
  case ClosedReason::daily_cap:
    return "daily_cap";
  }
  return "unknown";
}

std::vector<std::string> rating_level_keys(int levels) {
  switch (levels) {
  case 4:
    return {"very_satisfied", "satisfied", "dissatisfied", "very_dissatisfied"};
  case 5: {
    std::vector<std::string> all;
    for (auto l : rating_levels())
      all.emplace_back(l);
    return all;
  }
  default:
    return {"very_satisfied", "satisfied", "dissatisfied"};
  }
}

bool asks_reasons(std::string_view level) {
  return level == "dissatisfied" || level == "very_dissatisfied";
}

Screen home_screen(KioskMode mode) {
  switch (mode) {
  case KioskMode::arrival:
    return Screen::services;
  case KioskMode::departure:
    return Screen::rating;
  case KioskMode::both:
    return Screen::home;
  }
  return Screen::home;
}

bool at_home(const State &state) {
  return state.screen == home_screen(state.settings.mode);
}

bool shows(const State &state, Screen screen) {
  return state.screen == screen || (screen == Screen::home && at_home(state));
}

std::vector<std::string> service_ids(const State &state) {
  std::vector<std::string> ids;
  if (state.catalog)
    for (const auto &s : state.catalog->services)
      ids.push_back(s.id);
  return ids;
}

std::optional<ClosedReason> service_closed(const State &state,
                                           std::string_view service_id) {
  if (state.settings.out_of_service)
    return ClosedReason::out_of_service;
  if (auto all = state.closed.find(std::string_view("*")); all != state.closed.end())
    return all->second.first;
  if (auto it = state.closed.find(service_id); it != state.closed.end())
    return it->second.first;
  return std::nullopt;
}

std::vector<const PriorityGroup *> offered_priority_groups(const State &state) {
  std::vector<const PriorityGroup *> groups;
  if (!state.catalog)
    return groups;
  for (const auto &id : state.settings.priority_groups)
    if (const auto *g = state.catalog->find_priority_group(id))
      groups.push_back(g);
  return groups;
}

std::optional<std::string> normalise_ticket_number(const State &state,
                                                   std::string_view entry) {
  if (entry.size() < 2 || entry.size() > 4 || !state.catalog)
    return std::nullopt;
  const char letter = entry[0];
  bool known = false;
  for (const auto &s : state.catalog->services)
    known = known || (s.prefix.size() == 1 && s.prefix[0] == letter);
  if (!known)
    return std::nullopt;
  auto digits = entry.substr(1);
  if (!std::all_of(digits.begin(), digits.end(),
                   [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return std::nullopt;
  std::string number(1, letter);
  number.append(3 - digits.size(), '0');
  number += digits;
  if (number.substr(1) == "000")
    return std::nullopt;
  return number;
}

bool printer_blocked(const State &state) {
  return state.printer.flags() != 0 && !state.printer.can_print();
}

std::string describe_state(const State &state) {
  std::string out = "state=" + std::string(screen_name(state.screen));
  if (state.ticket)
    out += " number=" + state.ticket->number +
           " print=" + std::string(print_status_name(state.print)) +
           (state.ticket_offline ? " source=lease" : "");
  if (state.printer.flags() != 0)
    out += " printer=" + state.printer.names();
  return out;
}

} // namespace motcua::kiosk
