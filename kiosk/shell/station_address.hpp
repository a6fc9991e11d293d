#pragma once
// Where the configured station is and how it proves itself: the address the
// kiosk, provision and doctor all connect with.
#include "kiosk/app/kiosk_config.hpp"
#include "net/client/station_client.hpp"

namespace motcua::kiosk {

Result<net::StationAddress> station_address(const KioskConfig &config);

} // namespace motcua::kiosk
