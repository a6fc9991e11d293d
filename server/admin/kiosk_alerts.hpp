#pragma once
// What the kiosk list warns about: a kiosk gone silent (no health report for
// longer than a few report intervals) or one that cannot print. Pure: the
// list handler passes the stored report and the time.
#include "server/station_clock.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace motcua::station {

// Kiosks report every minute (net/protocol/kiosk_health.hpp): three missed
// reports are no longer a network hiccup.
constexpr std::chrono::seconds kKioskSilentAfter{180};

// "silent" (never reported, or last seen longer than silent_after ago),
// "paper_out" (paper "out"), "printer_fault" (printer_state starts with
// "failed"), in that order. health_json is the last report as stored.
std::vector<std::string>
kiosk_alerts(const std::optional<std::string> &health_json,
             const std::optional<std::string> &last_seen, TimePoint now,
             std::chrono::seconds silent_after = kKioskSilentAfter);

} // namespace motcua::station
