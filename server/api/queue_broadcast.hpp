#pragma once
// The desk's events onto the /api/v1/stream hub, as motcua-station wires
// them: every event as it happens, the latest counts retained so that a
// subscriber (a kiosk, the board) starts from the current line lengths
// instead of showing none until the queue next changes. A new day forgets
// them until its first counts.
#include "server/api/stream_hub.hpp"
#include "server/queue/queue_event.hpp"

#include <vector>

namespace motcua::station {

void broadcast(StreamHub &hub, const std::vector<queue::QueueEvent> &events);
// For the citizens' ticket pages: one "queue_changed" message per batch of
// events, naming no ticket and no officer. On it the HTTP front renders each
// phone's own page again and sends it if it changed, so the page stays the
// one place that says what a ticket's state means.
void ping_ticket_pages(StreamHub &hub, const std::vector<queue::QueueEvent> &events);
// The counts before any event (at start): retained, sent to nobody yet.
void retain_counts(StreamHub &hub, const std::vector<queue::ServiceCount> &counts,
                   const queue::StationTime &at);

} // namespace motcua::station
