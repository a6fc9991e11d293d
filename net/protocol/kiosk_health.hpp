#pragma once
// The kiosk's health report (POST /api/v1/kiosks/health): what a technician
// sees for each kiosk. Sent every minute and at once when it changes.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace motcua {

struct KioskHealth {
  std::string printer_state = "unknown"; // "printed", "failed: media-empty", ...
  std::string paper = "unknown";         // "ok", "out", "unknown"
  std::string version;
  std::int64_t outbox_depth = 0;   // ratings and offline tickets not yet stored
  std::int64_t uptime_seconds = 0; // since the kiosk started
  std::string clock;               // the kiosk's local RFC 3339 time when sent
  bool stream_connected = false;   // the live queue subscription is up
  std::map<std::string, int> offline_numbers; // leased numbers left per service

  // Everything but the ever-changing uptime and clock.
  bool same_state(const KioskHealth &other) const;
};

std::string kiosk_health_to_json(const KioskHealth &health);

// Whether to report now: never sent, `every` passed since the last report, or
// the state changed since it.
bool health_due(const std::optional<KioskHealth> &last_sent,
                std::optional<std::chrono::steady_clock::time_point> last_at,
                const KioskHealth &current, std::chrono::steady_clock::time_point now,
                std::chrono::milliseconds every);

} // namespace motcua
