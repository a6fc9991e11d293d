#pragma once
// Where the kiosk screens are: which screen, what it shows, when it times out.
#include "kiosk/app/clock.hpp"
#include "kiosk/app/events.hpp"
#include "net/protocol/catalog.hpp"
#include "net/protocol/ticket.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::kiosk {

enum class Screen { connecting, home, issuing, ticket, error };
std::string_view screen_name(Screen screen); // "home", "ticket", ...
std::optional<Screen> parse_screen_name(std::string_view name);

enum class PrintStatus { printing, printed, failed };
std::string_view print_status_name(PrintStatus status); // "printing", ...

// What went wrong, as a screen message to show (text keys live in the UI).
enum class ErrorKind { server_unreachable, ticket_refused };

struct ScreenTimings {
  Duration ticket_screen{8000};
  Duration error_screen{10000};
  Duration catalog_retry{3000};
};

struct State {
  Screen screen = Screen::connecting;
  ScreenTimings timings;
  std::shared_ptr<const Catalog> catalog; // null until the first catalog arrives
  bool catalog_request_pending = false;

  std::string issuing_service_id; // on the issuing screen

  // The last ticket issued, kept after the ticket screen closes so a late
  // print result still lands on the right ticket.
  std::optional<Ticket> ticket;
  PrintStatus print = PrintStatus::printing;
  std::string print_message;

  ErrorKind error = ErrorKind::server_unreachable;
  std::string error_detail; // the station's reason when refused

  std::optional<TimePoint> deadline; // the current screen's timeout or retry
};

// The ids of the catalog's services in catalog order (empty before the catalog):
// the buttons of the home screen.
std::vector<std::string> service_ids(const State &state);

// "state=ticket number=A001 print=printed"; number and print appear once a
// ticket has been issued. Read by automation scripts (print-state).
std::string describe_state(const State &state);

} // namespace motcua::kiosk
