#include "kiosk/app/technician_diagnostics.hpp"

namespace motcua::kiosk::tech {

namespace {
using Health = DiagnosticRow::Health;
} // namespace

std::string uptime_text(long s) {
  const long d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;
  if (d > 0)
    return std::to_string(d) + " d " + std::to_string(h) + " h";
  if (h > 0)
    return std::to_string(h) + " h " + std::to_string(m) + " min";
  return std::to_string(m) + " min " + std::to_string(s % 60) + " s";
}

std::vector<DiagnosticRow> diagnostic_rows(const DiagnosticFacts &f,
                                           std::string_view language) {
  const bool vi = language == "vi";
  std::vector<DiagnosticRow> rows;
  if (f.station_ms)
    rows.push_back({"tech.diag.station", Health::ok,
                    f.station_url + " — " + std::to_string(*f.station_ms) + " ms, " +
                        std::to_string(f.services) + (vi ? " dịch vụ" : " services")});
  else
    rows.push_back(
        {"tech.diag.station", Health::failed, f.station_url + " — " + f.station_error});
  rows.push_back({"tech.diag.enrollment", f.enrolled ? Health::ok : Health::failed,
                  f.enrolled ? (vi ? "đã có mã truy cập" : "token present")
                             : (vi ? "chưa đăng ký" : "not enrolled")});
  rows.push_back({"tech.diag.printer", f.printer_ok ? Health::ok : Health::failed,
                  f.printer_name + " — " + f.printer_state});
  rows.push_back({"tech.diag.outbox", f.outbox_depth == 0 ? Health::ok : Health::warning,
                  std::to_string(f.outbox_depth)});
  std::string leases;
  bool any_left = false;
  for (const auto &[service, left] : f.leases) {
    leases += (leases.empty() ? "" : ", ") + service + ": " + std::to_string(left);
    any_left = any_left || left > 0;
  }
  rows.push_back({"tech.diag.leases", any_left ? Health::ok : Health::warning,
                  leases.empty() ? "—" : leases});
  if (f.disk_free_mb)
    rows.push_back({"tech.diag.disk",
                    *f.disk_free_mb >= kDiskFreeMinMb ? Health::ok : Health::failed,
                    std::to_string(*f.disk_free_mb) + " MB"});
  else
    rows.push_back({"tech.diag.disk", Health::failed,
                    vi ? "không có thư mục dữ liệu" : "no state folder"});
  rows.push_back({"tech.diag.version", Health::ok, f.version});
  rows.push_back({"tech.diag.uptime", Health::ok, uptime_text(f.uptime_seconds)});
  rows.push_back({"tech.diag.errors",
                  f.last_problem.empty() ? Health::ok : Health::warning,
                  f.last_problem.empty() ? (vi ? "không có" : "none") : f.last_problem});
  return rows;
}

} // namespace motcua::kiosk::tech
