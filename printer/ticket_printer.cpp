#include "printer/ticket_printer.hpp"

namespace motcua::printer {

const char *job_end_name(JobEnd end) {
  switch (end) {
  case JobEnd::not_sent:
    return "not-sent";
  case JobEnd::delivered:
    return "delivered";
  case JobEnd::completed:
    return "completed";
  case JobEnd::aborted:
    return "aborted";
  case JobEnd::canceled:
    return "canceled";
  case JobEnd::stuck_canceled:
    return "stuck-canceled";
  case JobEnd::lost:
    return "lost";
  }
  return "?";
}

} // namespace motcua::printer
