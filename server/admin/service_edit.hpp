#pragma once
// An admin's edit of one service (labels vi/en, prefix, daily cap, average
// minutes), applied to a catalog and checked by the same parser the kiosks
// use, so a saved catalog is always one every kiosk accepts.
#include "net/protocol/catalog.hpp"
#include "net/protocol/result.hpp"

#include <string>
#include <string_view>

namespace motcua::station {

struct ServiceEditError {
  int status = 400; // 404 unknown_service, 400 invalid_field / malformed_json
  std::string code;
  std::string message;
};

// `body` is the JSON object of PUT /api/v1/admin/services/{id}: the fields it
// names replace the service's, the others stay. Unknown fields are refused
// (a misspelt "daly_cap" must not look saved).
Result<Catalog, ServiceEditError> apply_service_edit(const Catalog &catalog,
                                                     std::string_view service_id,
                                                     std::string_view body);

} // namespace motcua::station
