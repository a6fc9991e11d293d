#pragma once
// Every text key the technician screens read; both i18n files define them
// (checked at start-up and in the tests, so no key shows as itself).
#include <span>
#include <string_view>

namespace motcua::kiosk::tech {

std::span<const std::string_view> text_keys();

} // namespace motcua::kiosk::tech
