#include "kiosk/shell/station_address.hpp"

namespace motcua::kiosk {

Result<net::StationAddress> station_address(const KioskConfig &config) {
  auto address = net::parse_station_url(config.station_url);
  if (!address)
    return unexpected("station_url: " + address.error());
  address->certificate_sha256 = config.station_certificate_sha256;
  return address;
}

} // namespace motcua::kiosk
