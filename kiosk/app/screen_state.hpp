#pragma once
// Where the kiosk screens are: which screen, what it shows, when it times out.
#include "kiosk/app/clock.hpp"
#include "kiosk/app/events.hpp"
#include "net/protocol/catalog.hpp"
#include "net/protocol/ticket.hpp"
#include "printer/printer_status.hpp"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::kiosk {

// What this kiosk is for: tickets on arrival, ratings on departure, or both
// behind a home screen with two big choices.
enum class KioskMode { arrival, departure, both };
std::string_view mode_name(KioskMode mode);
std::optional<KioskMode> parse_mode_name(std::string_view name);

// Whether (and when) a citizen may link a rating to the number on their ticket.
enum class TicketLink { off, before, after };
std::string_view ticket_link_name(TicketLink link);
std::optional<TicketLink> parse_ticket_link_name(std::string_view name);

enum class Screen {
  connecting,
  home,         // the two choices (both mode)
  services,     // catalog buttons
  priority,     // optional priority group
  issuing,      // waiting for the station's number
  ticket,       // the number, large
  error,        // station unreachable or an unexpected refusal
  closed,       // outside issuing hours, daily cap reached, out of service
  rating,       // the faces
  reasons,      // chips on the unhappy levels
  ticket_entry, // numeric keypad to link a ticket
  thanks,
  attract, // quiet screen after a long idle time at home
};
std::string_view screen_name(Screen screen); // "home", "ticket", ...
std::optional<Screen> parse_screen_name(std::string_view name);

enum class PrintStatus { printing, printed, failed };
std::string_view print_status_name(PrintStatus status); // "printing", ...

// What went wrong, as a screen message to show (text keys live in the UI).
// no_offline_numbers: the station is silent and this kiosk holds no leased
// number for the service.
enum class ErrorKind { server_unreachable, ticket_refused, no_offline_numbers };

// Why a service (or all of them) cannot issue now; the button shows it.
enum class ClosedReason { out_of_service, outside_hours, daily_cap };
std::string_view closed_reason_key(ClosedReason reason); // "out_of_service", ...

// Station error codes the kiosk knows by name.
inline constexpr std::string_view kCodeOutsideHours = "outside_issuing_hours";
inline constexpr std::string_view kCodeDailyCap = "daily_cap_reached";

struct ScreenTimings {
  Duration ticket_screen{8000};
  Duration error_screen{10000};
  Duration catalog_retry{3000};
  Duration closed_screen{8000};
  Duration thanks_screen{4000};
  Duration inactivity{30000};   // interactive screens back home after this idle time
  Duration countdown{5000};     // the last part of any home-bound wait shows seconds left
  Duration attract{120000};     // idle time at home before the attract screen
  Duration rating_repeat{5000}; // repeated rating presses inside this count once
  Duration closed_recheck{600000}; // a refused service stays disabled this long
  // The station's answer waited for before the ticket comes from the lease.
  Duration offline_fallback{1000};
};

// The reason chips of ../shared/DOMAIN.md, in its order.
inline const std::vector<std::string> kDefaultRatingReasons{
    "officer_attitude", "waiting_time", "guidance", "repeat_visits", "other"};

// Everything from the kiosk's configuration that shapes the screens.
struct ScreenSettings {
  KioskMode mode = KioskMode::arrival;
  std::string language = "vi";              // the language every return home goes back to
  std::vector<std::string> priority_groups; // ids offered, in order; empty: no step
  int rating_levels = 3;                    // 3, 4 or 5
  std::vector<std::string> rating_reasons = kDefaultRatingReasons;
  TicketLink ticket_link = TicketLink::off;
  bool out_of_service = false; // nothing can issue
  // Issue from the kiosk's leased blocks when the station does not answer
  // within timings.offline_fallback (or cannot be reached at all).
  bool offline_tickets = false;
  ScreenTimings timings;
};

// The rating level keys shown for a number of levels, best first.
std::vector<std::string> rating_level_keys(int levels);
// Levels that ask for reasons.
bool asks_reasons(std::string_view level);

// What happens when the current screen's deadline passes.
enum class TimeoutAction { none, go_home, retry_catalog, attract, issue_offline };

// Ticket numbers already rated and when the last rating was taken, kept
// bounded: a ticket is rated once.
inline constexpr std::size_t kRatedTicketsKept = 2000;

struct State {
  Screen screen = Screen::connecting;
  ScreenSettings settings;
  std::string language = "vi";            // shown now
  std::shared_ptr<const Catalog> catalog; // null until the first catalog arrives
  bool catalog_request_pending = false;
  std::map<std::string, int, std::less<>>
      waiting; // people waiting per service, when known
  // Services the station refused for a reason, until a time; "*": all of them.
  std::map<std::string, std::pair<ClosedReason, TimePoint>, std::less<>> closed;

  // Arrival in progress.
  std::string chosen_service_id;            // on the priority and issuing screens
  std::string idempotency_key;              // of the tap that chose it
  std::string issuing_service_id;           // on the issuing screen
  std::optional<std::string> issuing_group; // its priority group
  bool offline_requested = false;           // the lease was asked; the station's
                                            // late answer is ignored

  // The last ticket issued, kept after the ticket screen closes so a late
  // print result still lands on the right ticket.
  std::optional<Ticket> ticket;
  bool ticket_offline = false; // it came from the lease
  PrintStatus print = PrintStatus::printing;
  std::string print_message;

  // The printer's health as last polled; unknown until the first probe.
  printer::PrinterStatus printer;

  ErrorKind error = ErrorKind::server_unreachable;
  std::string error_detail;     // the station's reason when refused
  std::string error_service_id; // the service without offline numbers
  ClosedReason closed_reason = ClosedReason::outside_hours; // on the closed screen
  std::string closed_service_id; // the refused service, for daily caps

  // Departure in progress.
  std::string level;                        // chosen level key, empty before
  std::vector<std::string> reasons;         // selected reason keys, in tap order
  std::string entry;                        // keypad text, e.g. "A15"
  std::optional<std::string> linked_ticket; // normalised, e.g. "A015"
  bool entry_rejected_rated = false;        // the entered ticket was rated before
  std::set<std::string, std::less<>> rated_tickets;
  std::optional<TimePoint> last_rating_at;

  std::optional<TimePoint> deadline; // the current screen's timeout or retry
  TimeoutAction on_deadline = TimeoutAction::none;
  int countdown_seconds = 0;     // shown when > 0
  std::optional<TimePoint> wake; // when the loop must send the next Tick
};

// The screen a return home lands on for this mode.
Screen home_screen(KioskMode mode);
bool at_home(const State &state);
// The screen is `screen`, or `screen` is home and the state is at its home.
bool shows(const State &state, Screen screen);

// The ids of the catalog's services in catalog order (empty before the catalog).
std::vector<std::string> service_ids(const State &state);
// Why the service cannot issue now, if it cannot.
std::optional<ClosedReason> service_closed(const State &state,
                                           std::string_view service_id);
// The priority groups offered: the configured ids that the catalog knows.
std::vector<const PriorityGroup *> offered_priority_groups(const State &state);

// "A15" -> "A015"; nullopt unless a catalog prefix letter and 1 to 3 digits.
std::optional<std::string> normalise_ticket_number(const State &state,
                                                   std::string_view entry);

// Whether the last polled printer status says a ticket cannot come out now
// (paper out, cover open, queue stopped, unreachable...). An unknown status
// (not polled yet, or a printer that does not answer status requests) does not.
bool printer_blocked(const State &state);

// "state=ticket number=A001 print=printed printer=ready"; number and print
// appear once a ticket has been issued, printer once it has been polled. Read
// by automation scripts (print-state).
std::string describe_state(const State &state);

} // namespace motcua::kiosk
