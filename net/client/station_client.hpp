#pragma once
// The kiosk's client of the station API. It owns one Asio io_context thread;
// callbacks run on that thread, so the caller hands results to its own loop
// (the kiosk pushes them as SDL user events).
#include "net/protocol/catalog.hpp"
#include "net/protocol/offline_ticket.hpp"
#include "net/protocol/rating.hpp"
#include "net/protocol/result.hpp"
#include "net/protocol/ticket.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace motcua::net {

struct StationError {
  enum class Kind {
    unreachable, // connect failed or the connection broke
    timeout,     // no complete answer before the deadline
    refused,     // the station answered with an error body (4xx/5xx)
    bad_response // the station answered something we cannot read
  };
  Kind kind = Kind::unreachable;
  int http_status = 0;
  std::string code;    // ApiError code when refused
  std::string message; // for logs and technicians
};

struct StationAddress {
  std::string host; // "127.0.0.1"
  std::string port; // "8080"
  bool tls = false; // https: every connection is TLS
  // With TLS: the station certificate's SHA-256 (64 lowercase hex digits),
  // pinned at enrollment; a station presenting another one is refused.
  // Empty: any certificate is accepted and reported (enrollment only).
  std::string certificate_sha256;
};
// "http://127.0.0.1:8080" or "https://station.local:8443" (path and trailing
// slash ignored; default ports 80 and 443).
Result<StationAddress> parse_station_url(const std::string &url);

class StationClient {
public:
  StationClient(StationAddress address, std::chrono::milliseconds timeout);
  ~StationClient(); // cancels outstanding requests (their callbacks get an error) and
                    // joins

  void fetch_catalog(std::function<void(Result<Catalog, StationError>)> done);
  void issue_ticket(TicketRequest request,
                    std::function<void(Result<Ticket, StationError>)> done);
  // POST /api/v1/ratings; ok once the station has committed it (201, or 200
  // when the same UUID was stored before: retries are safe).
  void submit_rating(Rating rating, std::function<void(Result<bool, StationError>)> done);
  // POST /api/v1/tickets/withdraw: ok once the station took back (now or
  // before) the ticket issued for this tap key; its refusals (404: none was
  // issued, 409: called already) come back as errors with their status.
  void withdraw_ticket(std::string idempotency_key,
                       std::function<void(Result<bool, StationError>)> done);

  // POST /api/v1/leases: `count` numbers of today reserved for this kiosk.
  struct Lease {
    std::string service_id;
    std::string day; // station-local "2026-11-28"
    int first = 0;   // sequences, inclusive
    int last = 0;
    std::string station_time; // the station's RFC 3339 local time; empty: not sent
  };
  // A non-empty `idempotency_key` makes a retry safe: the station answers the
  // block it already leased under that key today rather than a new one.
  void lease_block(std::string service_id, int count,
                   std::function<void(Result<Lease, StationError>)> done,
                   std::string idempotency_key = {});
  // POST /api/v1/tickets/offline: one result per ticket, in order, when the
  // station answered; each result says whether that ticket is stored.
  void upload_offline_tickets(
      std::vector<OfflineTicketUpload> tickets,
      std::function<void(Result<std::vector<OfflineTicketResult>, StationError>)> done);

  // POST /api/v1/kiosks/health with a body from kiosk_health_to_json.
  void report_health(std::string body,
                     std::function<void(Result<bool, StationError>)> done);

  // POST /api/v1/kiosks/enroll with a one-time code from the station's admin:
  // the kiosk's id and its bearer token (shown once; keep it).
  struct Enrollment {
    std::string kiosk_id;
    std::string token;
    // Over TLS: the certificate the station presented, for the kiosk to pin.
    std::string certificate_sha256;
  };
  void enroll(std::string code, std::string name,
              std::function<void(Result<Enrollment, StationError>)> done);

  // The kiosk's bearer token from enrollment, sent with every later request
  // (empty: none). Applies to requests submitted after the call.
  void set_bearer_token(std::string token);

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace motcua::net
