#include "kiosk/app/technician_texts.hpp"

namespace motcua::kiosk::tech {

std::span<const std::string_view> text_keys() {
  static constexpr std::string_view kKeys[] = {
      "tech.title.pin",
      "tech.title.diagnostics",
      "tech.title.settings",
      "tech.title.enroll",
      "tech.close",
      "tech.back",
      "tech.key.erase",
      "tech.pin.prompt",
      "tech.pin.ok",
      "tech.pin.checking",
      "tech.pin.too_short",
      "tech.pin.wrong",
      "tech.pin.locked",
      "tech.pin.not_set",
      "tech.diag.refresh",
      "tech.diag.gathering",
      "tech.diag.station",
      "tech.diag.enrollment",
      "tech.diag.printer",
      "tech.diag.outbox",
      "tech.diag.leases",
      "tech.diag.disk",
      "tech.diag.version",
      "tech.diag.uptime",
      "tech.diag.errors",
      "tech.menu.settings",
      "tech.menu.enroll",
      "tech.menu.leave",
      "tech.settings.mode",
      "tech.settings.language",
      "tech.mode.arrival",
      "tech.mode.departure",
      "tech.mode.both",
      "tech.language.vi",
      "tech.language.en",
      "tech.settings.save",
      "tech.settings.unchanged",
      "tech.settings.saved",
      "tech.settings.failed",
      "tech.enroll.prompt",
      "tech.enroll.ok",
      "tech.enroll.too_short",
      "tech.enroll.working",
      "tech.enroll.failed",
      "tech.enroll.done",
  };
  return kKeys;
}

} // namespace motcua::kiosk::tech
