#pragma once
// Tickets a kiosk issued from a leased block while the station did not answer,
// as they travel to the station later (POST /api/v1/tickets/offline). The
// kiosk makes the UUID; the station stores each UUID once and places the
// ticket in the line by its issue time.
#include "net/protocol/result.hpp"
#include "net/protocol/ticket.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua {

// Uploads per request, at most: one request stays far below the body limit.
inline constexpr std::size_t kMaxOfflineTicketsPerUpload = 50;

struct OfflineTicketUpload {
  std::string id;         // UUID made by the kiosk: the idempotency key
  std::string service_id; // "A"
  int sequence = 0;       // from a block leased to this kiosk today
  std::optional<std::string> priority_group;
  std::string issued_at; // kiosk-local RFC 3339 time of the tap
};

// What the station did with one uploaded ticket.
struct OfflineTicketResult {
  std::string id;
  int status = 0; // 201 stored now, 200 stored before, else the refusal's HTTP status
  std::optional<Ticket> ticket;  // when stored (now or before)
  std::optional<ApiError> error; // when refused
};

bool is_uuid(std::string_view text);

// The UTC offset of "2026-11-28T08:15:03+07:00" in seconds (25200; "Z": 0);
// nullopt when there is none.
std::optional<long> rfc3339_utc_offset(std::string_view text);
// "2026-11-28": the date at `at` in a zone `utc_offset` seconds east of UTC.
std::string day_at_offset(std::chrono::system_clock::time_point at, long utc_offset);

std::string offline_upload_to_json(const std::vector<OfflineTicketUpload> &tickets);
// {"tickets":[...]} with 1..kMaxOfflineTicketsPerUpload entries.
Result<std::vector<OfflineTicketUpload>, ApiError>
parse_offline_upload(std::string_view json_text);

std::string offline_results_to_json(const std::vector<OfflineTicketResult> &results);
Result<std::vector<OfflineTicketResult>, std::string>
parse_offline_results(std::string_view json_text);

} // namespace motcua
