#include "server/admin/kiosk_alerts.hpp"

#include "server/numbering.hpp"

#include <boost/json.hpp>

namespace motcua::station {
namespace json = boost::json;

std::vector<std::string> kiosk_alerts(const std::optional<std::string> &health_json,
                                      const std::optional<std::string> &last_seen,
                                      TimePoint now, std::chrono::seconds silent_after) {
  std::vector<std::string> alerts;
  const auto seen = last_seen ? parse_rfc3339(*last_seen) : std::nullopt;
  if (!seen || now - *seen > silent_after)
    alerts.emplace_back("silent");
  if (!health_json)
    return alerts;
  boost::system::error_code ec;
  const json::value health = json::parse(*health_json, ec);
  const json::object *o = ec ? nullptr : health.if_object();
  if (!o)
    return alerts;
  auto text = [o](const char *key) -> std::string {
    const json::value *v = o->if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  if (text("paper") == "out")
    alerts.emplace_back("paper_out");
  if (text("printer_state").starts_with("failed"))
    alerts.emplace_back("printer_fault");
  return alerts;
}

} // namespace motcua::station
