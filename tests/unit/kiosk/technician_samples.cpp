#include "tests/unit/kiosk/technician_samples.hpp"

#include "kiosk/app/technician_diagnostics.hpp"

namespace motcua::kiosk {

std::vector<TechnicianSample> technician_samples(const std::string &language) {
  tech::State base;
  base.language = language;
  base.station_url = "http://192.168.1.10:8080";
  base.mode = base.saved_mode = KioskMode::both;

  tech::State pin = base;
  pin.screen = tech::Screen::pin;
  pin.entry = "24";

  tech::State wrong = pin;
  wrong.entry.clear();
  wrong.tries_left = 3;
  wrong.message_key = "tech.pin.wrong";
  wrong.message_detail = "3";
  wrong.message_bad = true;

  tech::State locked = wrong;
  locked.tries_left = 0;
  locked.locked_until = TimePoint{} + std::chrono::minutes(15);
  locked.message_key = "tech.pin.locked";

  tech::DiagnosticFacts facts;
  facts.station_url = base.station_url;
  facts.station_ms = 4;
  facts.services = 8;
  facts.enrolled = true;
  facts.printer_name = "receipt";
  facts.printer_state = language == "vi" ? "Hết giấy" : "Out of paper";
  facts.outbox_depth = 2;
  facts.leases = {{"A", 8}, {"B", 10}, {"C", 3}};
  facts.disk_free_mb = 80109;
  facts.version = "0.1.0";
  facts.uptime_seconds = 3 * 86400 + 5 * 3600;
  facts.last_problem = "print failed (A014): media-empty";
  tech::State diagnostics = base;
  diagnostics.screen = tech::Screen::diagnostics;
  diagnostics.diagnostics = tech::diagnostic_rows(facts, language);

  tech::State settings = base;
  settings.screen = tech::Screen::settings;
  settings.mode = KioskMode::departure;

  tech::State enroll = base;
  enroll.screen = tech::Screen::enroll;
  enroll.entry = "ZRUD-BMCR-3WNZ";

  return {{"pin", pin},           {"pin-wrong", wrong},
          {"pin-locked", locked}, {"diagnostics", diagnostics},
          {"settings", settings}, {"enroll", enroll}};
}

} // namespace motcua::kiosk
