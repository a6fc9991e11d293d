#pragma once
// What the kiosk reads from the station's /api/v1/stream (queue events as
// JSON text messages; server/api/queue_json.cpp writes them).
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace motcua {

using WaitingCounts = std::map<std::string, int, std::less<>>;

// People waiting per service from a "counts" event; nullopt for any other
// event or a message that is not one.
std::optional<WaitingCounts> parse_waiting_counts(std::string_view message);

} // namespace motcua
