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

  tech::State language_step = base;
  language_step.screen = tech::Screen::setup_language;
  language_step.kiosk_language = language;

  tech::State station = base;
  station.screen = tech::Screen::setup_station;
  station.entry = "http://192.168.1.10:8080";
  station.message_key = "tech.setup.station_failed";
  station.message_detail = "the station does not answer (connect to 192.168.1.10:8080: "
                           "Connection refused)";
  station.message_bad = true;

  tech::State printers = base;
  printers.screen = tech::Screen::setup_printer;
  printers.setup.station_url = base.station_url;
  printers.setup.queues = {"motcua-ipp", "receipt-192-168-1-50"};
  printers.setup.queue = "receipt-192-168-1-50";
  printers.setup.test_printed = true;
  printers.message_key = "tech.setup.printed";

  tech::State orientation = base;
  orientation.screen = tech::Screen::setup_orientation;
  orientation.orientation = Orientation::portrait;

  tech::State setup_pin = base;
  setup_pin.screen = tech::Screen::setup_pin;
  setup_pin.entry = "1357";

  return {{"setup-language", language_step},
          {"setup-orientation", orientation},
          {"setup-station", station},
          {"setup-printer", printers},
          {"setup-pin", setup_pin},
          {"pin", pin},
          {"pin-wrong", wrong},
          {"pin-locked", locked},
          {"diagnostics", diagnostics},
          {"settings", settings},
          {"enroll", enroll}};
}

} // namespace motcua::kiosk
