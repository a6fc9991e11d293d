#include "net/protocol/queue_stream.hpp"

#include <boost/json.hpp>

namespace motcua {
namespace json = boost::json;

std::optional<WaitingCounts> parse_waiting_counts(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  const json::object *o = ec ? nullptr : v.if_object();
  const json::value *event = o ? o->if_contains("event") : nullptr;
  if (!event || !event->is_string() || event->as_string() != "counts")
    return std::nullopt;
  const json::value *counts = o->if_contains("counts");
  const json::array *list = counts ? counts->if_array() : nullptr;
  if (!list)
    return std::nullopt;
  WaitingCounts out;
  for (const auto &item : *list) {
    const json::object *c = item.if_object();
    const json::value *id = c ? c->if_contains("service_id") : nullptr;
    const json::value *waiting = c ? c->if_contains("waiting") : nullptr;
    if (!id || !id->is_string() || !waiting || !waiting->is_int64() ||
        waiting->as_int64() < 0)
      return std::nullopt;
    out[std::string(id->as_string())] = static_cast<int>(waiting->as_int64());
  }
  return out;
}

} // namespace motcua
