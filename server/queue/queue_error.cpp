#include "server/queue/queue_error.hpp"

namespace motcua::station::queue {

const char *to_string(QueueError::Code code) {
  using C = QueueError::Code;
  switch (code) {
  case C::invalid_config:
    return "invalid_config";
  case C::unknown_service:
    return "unknown_service";
  case C::unknown_counter:
    return "unknown_counter";
  case C::unknown_ticket:
    return "unknown_ticket";
  case C::duplicate_counter:
    return "duplicate_counter";
  case C::time_went_back:
    return "time_went_back";
  case C::outside_issuing_window:
    return "outside_issuing_window";
  case C::daily_cap_reached:
    return "daily_cap_reached";
  case C::counter_closed:
    return "counter_closed";
  case C::counter_busy:
    return "counter_busy";
  case C::counter_idle:
    return "counter_idle";
  case C::queue_empty:
    return "queue_empty";
  case C::wrong_state:
    return "wrong_state";
  case C::recall_limit_reached:
    return "recall_limit_reached";
  case C::too_few_recalls:
    return "too_few_recalls";
  case C::same_service:
    return "same_service";
  case C::wrong_day:
    return "wrong_day";
  case C::not_leased:
    return "not_leased";
  case C::duplicate_ticket:
    return "duplicate_ticket";
  case C::numbers_in_use:
    return "numbers_in_use";
  }
  return "unknown";
}

} // namespace motcua::station::queue
