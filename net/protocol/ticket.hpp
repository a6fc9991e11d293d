#pragma once
// Tickets as they travel between kiosk and station (JSON, /api/v1).
#include "net/protocol/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace motcua {

struct TicketRequest {
  std::string service_id;
  std::optional<std::string> priority_group;
  std::string idempotency_key; // same key → same ticket on retry
};

struct Ticket {
  std::string number;     // "A015": prefix + 3-digit daily sequence
  std::string service_id; // "A"
  int sequence = 0;       // 15
  std::string day;        // station-local "2026-11-28"
  std::string issued_at;  // station-local RFC 3339, "2026-11-28T08:15:03+07:00"
  std::optional<std::string> priority_group;
  int people_ahead = 0;
  int estimated_wait_minutes = 0;
};

// {"error":{"code":"...","message":"..."}} on every non-2xx answer.
struct ApiError {
  std::string code;
  std::string message;
};

std::string ticket_request_to_json(const TicketRequest &request);
Result<TicketRequest, ApiError> parse_ticket_request(std::string_view json_text);

std::string ticket_to_json(const Ticket &ticket); // {"ticket":{...}}
Result<Ticket, std::string> parse_ticket_response(std::string_view json_text);

std::string api_error_to_json(const ApiError &error);
std::optional<ApiError> parse_api_error(std::string_view json_text);

// "08:15 28/11/2026" from an RFC 3339 local timestamp; empty when malformed.
std::string format_ticket_time(std::string_view issued_at);

} // namespace motcua
