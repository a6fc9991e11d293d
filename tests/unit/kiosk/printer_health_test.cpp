#include "kiosk/app/printer_health.hpp"

#include <doctest/doctest.h>

using namespace motcua;
using namespace motcua::kiosk;
using printer::PrinterCondition;
using printer::PrinterStatus;

namespace {
State with_ticket(PrintStatus print, std::string message) {
  State s;
  s.ticket = Ticket{};
  s.ticket->number = "A001";
  s.print = print;
  s.print_message = std::move(message);
  return s;
}

KioskHealth reported(const State &s) {
  KioskHealth h;
  report_printer_health(s, h);
  return h;
}
} // namespace

TEST_CASE("the health report says the polled printer status and its paper") {
  State s;
  s.printer =
      PrinterStatus::of({PrinterCondition::media_empty, PrinterCondition::stopped});
  auto h = reported(s);
  CHECK(h.printer_state == "media-empty,stopped");
  CHECK(h.paper == "out");
  s.printer = PrinterStatus::of({PrinterCondition::media_low});
  CHECK(reported(s).paper == "low");
  s.printer = PrinterStatus::of({PrinterCondition::ready});
  CHECK(reported(s).printer_state == "ready");
  CHECK(reported(s).paper == "ok");
  s.printer = PrinterStatus::of({PrinterCondition::offline}, "connection refused");
  CHECK(reported(s).printer_state == "offline");
  CHECK(reported(s).paper == "unknown");
}

TEST_CASE("a failed last print is added to the polled status") {
  auto s = with_ticket(PrintStatus::failed, "job 4 aborted");
  s.printer = PrinterStatus::of({PrinterCondition::ready});
  CHECK(reported(s).printer_state == "ready (last print failed: job 4 aborted)");
}

TEST_CASE("before the first poll the last print result is reported") {
  CHECK(reported(State{}).printer_state == "unknown");
  CHECK(reported(State{}).paper == "unknown");
  auto failed = reported(with_ticket(PrintStatus::failed, "media-empty"));
  CHECK(failed.printer_state == "failed: media-empty");
  CHECK(failed.paper == "out");
  CHECK(reported(with_ticket(PrintStatus::printed, "job 2")).paper == "ok");
}
