#pragma once
// A station client's answers as the outboxes and the lease keeper settle
// them (net/journal/outbox.hpp): the one mapping from StationError, whether
// the station answered deciding between "rejected" and "try again".
#include "net/client/station_client.hpp"
#include "net/journal/outbox.hpp"

namespace motcua::net {

// Not stored: answered (its HTTP status) or not, with "code: message".
SendResult send_failure(const StationError &error);
// POST /api/v1/tickets/withdraw's outcome (withdrawal_result).
SendResult withdrawal_send_result(const Result<bool, StationError> &answer);

} // namespace motcua::net
