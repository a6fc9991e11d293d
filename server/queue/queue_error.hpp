#pragma once
// Why the queue refused an action: a named code and a message for people.
#include <string>

namespace motcua::station::queue {

struct QueueError {
  enum class Code {
    invalid_config, // rejected at construction
    unknown_service,
    unknown_counter,
    unknown_ticket,
    duplicate_counter,
    time_went_back, // "now" is on an earlier day than the engine's
    outside_issuing_window,
    daily_cap_reached, // the service has no numbers left today
    counter_closed,
    counter_busy, // it still has a called or serving ticket
    counter_idle, // it has no ticket to act on
    queue_empty,  // nothing waiting for the counter's services
    wrong_state,  // e.g. start on a ticket already serving
    recall_limit_reached,
    too_few_recalls,  // no-show before the configured recalls
    same_service,     // transfer to the service it is already in
    wrong_day,        // an offline ticket from another day
    not_leased,       // an offline sequence outside every leased block
    duplicate_ticket, // that offline sequence is already in the queue
    numbers_in_use    // a new prefix or range for a service that numbered today
  };
  Code code = Code::invalid_config;
  std::string message;
};

const char *to_string(QueueError::Code code);

} // namespace motcua::station::queue
