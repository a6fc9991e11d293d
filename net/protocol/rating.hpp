#pragma once
// A citizen's satisfaction rating as it travels from kiosk to station.
// The kiosk makes the UUID; the station stores each UUID once.
#include "net/protocol/result.hpp"
#include "net/protocol/ticket.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace motcua {

// Levels are keys, not numbers, so a 3-, 4- or 5-level kiosk reports the same
// words: very_satisfied, satisfied, neutral, dissatisfied, very_dissatisfied.
struct Rating {
  std::string id;                     // UUID made by the kiosk
  std::string level;                  // one of the keys above
  std::vector<std::string> reasons;   // reason keys, e.g. "officer_attitude", "waiting_time"
  std::optional<std::string> ticket;  // "A015" when the citizen linked a ticket
  std::string rated_at;               // kiosk-local RFC 3339 time of the tap
};

std::span<const std::string_view> rating_levels();
bool is_satisfied_level(std::string_view level); // counts towards "tỷ lệ hài lòng"

std::string rating_to_json(const Rating &rating); // {"rating":{...}}
Result<Rating, ApiError> parse_rating_request(std::string_view json_text);

} // namespace motcua
