#pragma once
// What the waiting-room display board shows, from the queue desk's snapshot:
// every counter with the number it serves, the numbers called last, and the
// waiting counts. Numbers and counters only: nothing about the people.
#include "server/desk/queue_desk.hpp"

#include <string>

namespace motcua::station {

// {"day", "counters":[{"id","open","services","current":{number, service_id,
// state, called_at, recall_count}|null}], "recent":[{number, service_id,
// counter_id, called_at}] (newest first, at most `recent`), "counts":[...]}
std::string board_json(const DeskSnapshot &snapshot, std::size_t recent = 6);

} // namespace motcua::station
