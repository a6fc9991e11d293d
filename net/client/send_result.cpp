#include "net/client/send_result.hpp"

#include "net/journal/withdrawal_outbox.hpp"

namespace motcua::net {

namespace {
std::string describe(const StationError &e) {
  return (e.code.empty() ? "" : e.code + ": ") + e.message;
}
} // namespace

SendResult send_failure(const StationError &e) {
  return {false, e.http_status > 0, e.http_status, describe(e)};
}

SendResult withdrawal_send_result(const Result<bool, StationError> &answer) {
  if (answer)
    return withdrawal_result(200, {});
  return withdrawal_result(answer.error().http_status, describe(answer.error()));
}

} // namespace motcua::net
