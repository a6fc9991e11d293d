#include "net/protocol/kiosk_health.hpp"

#include <boost/json.hpp>

namespace motcua {
namespace json = boost::json;

bool KioskHealth::same_state(const KioskHealth &o) const {
  return printer_state == o.printer_state && paper == o.paper && version == o.version &&
         outbox_depth == o.outbox_depth && stream_connected == o.stream_connected &&
         offline_numbers == o.offline_numbers;
}

std::string kiosk_health_to_json(const KioskHealth &h) {
  json::object left;
  for (const auto &[service, n] : h.offline_numbers)
    left[service] = n;
  return json::serialize(json::object{{"printer_state", h.printer_state},
                                      {"paper", h.paper},
                                      {"version", h.version},
                                      {"outbox_depth", h.outbox_depth},
                                      {"uptime_seconds", h.uptime_seconds},
                                      {"clock", h.clock},
                                      {"stream_connected", h.stream_connected},
                                      {"offline_numbers", std::move(left)}});
}

bool health_due(const std::optional<KioskHealth> &last_sent,
                std::optional<std::chrono::steady_clock::time_point> last_at,
                const KioskHealth &current, std::chrono::steady_clock::time_point now,
                std::chrono::milliseconds every) {
  if (!last_sent || !last_at)
    return true;
  return now - *last_at >= every || !last_sent->same_state(current);
}

} // namespace motcua
