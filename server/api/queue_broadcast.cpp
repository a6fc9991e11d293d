#include "server/api/queue_broadcast.hpp"

#include "server/api/queue_json.hpp"

namespace motcua::station {

void broadcast(StreamHub &hub, const std::vector<queue::QueueEvent> &events) {
  for (const auto &event : events) {
    // Yesterday's line lengths are no one's today; the day's first counts
    // event is retained again.
    if (event.kind == queue::QueueEvent::Kind::day_started)
      hub.forget_retained();
    hub.publish(queue_event_json(event), event.kind == queue::QueueEvent::Kind::counts);
  }
}

void ping_ticket_pages(StreamHub &hub, const std::vector<queue::QueueEvent> &events) {
  if (!events.empty())
    hub.publish(R"({"event":"queue_changed"})");
}

void retain_counts(StreamHub &hub, const std::vector<queue::ServiceCount> &counts,
                   const queue::StationTime &at) {
  queue::QueueEvent event;
  event.kind = queue::QueueEvent::Kind::counts;
  event.at = at;
  event.counts = counts;
  hub.publish(queue_event_json(event), true);
}

} // namespace motcua::station
