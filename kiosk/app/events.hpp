#pragma once
// Everything that can happen to the kiosk screens, as data.
#include "net/protocol/catalog.hpp"
#include "net/protocol/ticket.hpp"
#include "printer/printer_status.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>

namespace motcua::kiosk {

struct CatalogLoaded {
  std::shared_ptr<const Catalog> catalog;
  bool cached = false; // the journal's copy: the station did not answer
};
struct CatalogFailed {
  std::string message; // for the log
};

// A citizen touched the button of a service. The key makes a retried request
// yield the same ticket; whoever turns the touch into this event supplies it.
struct ServiceTapped {
  std::string service_id;
  std::string idempotency_key;
};
// A touch anywhere that is not a button (dismisses ticket, error, closed,
// thanks and attract screens; counts as activity everywhere).
struct ScreenTapped {};

// The home screen's two choices (both mode).
struct ArrivalChosen {};
struct DepartureChosen {};
// A priority group, or none (the one-tap skip).
struct PriorityChosen {
  std::optional<std::string> group_id;
};
struct LanguageToggled {};
struct HomePressed {};

// Departure.
struct LevelTapped {
  std::string level; // a key of rating_levels()
};
struct ReasonToggled {
  std::string reason;
};
struct ReasonsDone {
  bool send = true; // false: skip, rate without reasons
};
// A keypad key: a prefix letter, a digit, or '<' to erase one.
struct KeypadPressed {
  char key = 0;
};
struct TicketEntryDone {
  bool skip = false;
};

// People waiting per service, when the station tells.
struct WaitingCountsUpdated {
  std::map<std::string, int, std::less<>> waiting;
};

struct TicketIssued {
  Ticket ticket;
  // The tap's key: a late answer to an earlier tap must not land on this one.
  // Empty: the request now issuing (tests).
  std::string idempotency_key;
  bool offline = false; // issued by this kiosk from its lease
};

// Why no ticket came back; mirrors net::StationError without depending on it.
struct IssueFailure {
  enum class Kind { unreachable, timeout, refused, bad_response };
  Kind kind = Kind::unreachable;
  std::string code;    // the station's error code when refused
  std::string message; // the station's message when refused, else technical detail
  int http_status = 0; // when the station answered
};
struct TicketFailed {
  IssueFailure failure;
  std::string idempotency_key; // as in TicketIssued
};

// The kiosk could not issue from its lease either.
struct OfflineIssueFailed {
  enum class Why {
    no_lease, // no leased number left for the service
    journal   // the journal could not commit the ticket
  };
  Why why = Why::no_lease;
  std::string idempotency_key;
  std::string message; // for the log
};

struct PrintFinished {
  std::string ticket_number; // which ticket the job carried
  bool ok = false;
  std::string message; // "job 12" or the failure reason
};

// The printer monitor saw the printer's health change (polled while idle and
// after each job), so the screens can warn before a citizen taps.
struct PrinterStatusChanged {
  printer::PrinterStatus status;
};

// Time passed; the state machine checks its deadline against `now`.
struct Tick {};

using Event =
    std::variant<CatalogLoaded, CatalogFailed, ServiceTapped, ScreenTapped, TicketIssued,
                 TicketFailed, PrintFinished, Tick, ArrivalChosen, DepartureChosen,
                 PriorityChosen, LanguageToggled, HomePressed, LevelTapped, ReasonToggled,
                 ReasonsDone, KeypadPressed, TicketEntryDone, WaitingCountsUpdated,
                 OfflineIssueFailed, PrinterStatusChanged>;

} // namespace motcua::kiosk
