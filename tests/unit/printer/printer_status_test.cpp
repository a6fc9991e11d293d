#include "printer/printer_status.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace motcua::printer;
using C = PrinterCondition;

TEST_CASE("every condition has one row, a unique name and messages in both languages") {
  std::set<std::string_view> names;
  int index = 0;
  for (const auto &row : printer_conditions()) {
    CHECK(static_cast<int>(row.condition) == index++);
    CHECK(names.insert(row.name).second);
    CHECK_FALSE(row.message_vi.empty());
    CHECK_FALSE(row.message_en.empty());
    CHECK(condition_from_name(row.name) == row.condition);
  }
  CHECK(index == 10);
  CHECK_FALSE(condition_from_name("paper-out").has_value());
}

TEST_CASE("the headline is the most severe condition and decides the message") {
  auto s = PrinterStatus::of({C::media_low, C::media_empty, C::stopped});
  CHECK(s.headline() == C::media_empty);
  CHECK(s.names() == "media-empty,stopped,media-low");
  CHECK(s.message("vi") == "Máy in hết giấy");
  CHECK(s.message("en") == "Printer out of paper");
  CHECK_FALSE(s.can_print());
  CHECK(PrinterStatus().headline() == C::unknown);
  CHECK(PrinterStatus().names() == "unknown");
  CHECK_FALSE(PrinterStatus().can_print());
  CHECK(PrinterStatus::of({C::media_low}).can_print());
}

TEST_CASE("IPP printer-state, reasons and accepting map onto conditions") {
  CHECK(status_from_ipp(3, {"none"}, true).names() == "ready");
  CHECK(status_from_ipp(4, {"none"}, true).names() == "printing");
  CHECK(status_from_ipp(5, {"paused"}, true).names() == "stopped");
  CHECK(status_from_ipp(3, {"none"}, false).names() == "not-accepting");
  CHECK(status_from_ipp(3, {"media-empty-error", "media-needed"}, true).names() ==
        "media-empty");
  CHECK(status_from_ipp(3, {"media-low-warning"}, true).names() == "media-low");
  CHECK(status_from_ipp(5, {"cover-open"}, true).names() == "cover-open,stopped");
  CHECK(status_from_ipp(3, {"media-jam-error"}, true).headline() == C::jam);
  CHECK(status_from_ipp(3, {"offline-report"}, true).names() == "offline");
  CHECK(status_from_ipp(3, {"media-empty-report"}, true).names() == "media-empty");
  CHECK(status_from_ipp(3, {"other", "cups-waiting-for-job-completed"}, true).names() ==
        "ready");
  CHECK(status_from_ipp(3, {"timed-out"}, true).headline() == C::offline);
  CHECK(status_from_ipp(0, {}, true).names() == "unknown");
  CHECK(status_from_ipp(4, {"media-low"}, true).names() == "media-low,printing");
  CHECK(status_from_ipp(3, {}, true, "Ready to print.").detail == "Ready to print.");
}

TEST_CASE("what the printer says is added to what the queue says") {
  const auto queue = status_from_ipp(3, {"none"}, true);
  CHECK(merge_device_status(queue, status_from_ipp(5, {"media-empty-error"}, true))
            .names() == "media-empty");
  CHECK(merge_device_status(queue, status_from_ipp(3, {}, true)).names() == "ready");
  const auto unreachable =
      merge_device_status(queue, PrinterStatus::of({C::offline}, "gone"));
  CHECK(unreachable.names() == "offline");
  CHECK(unreachable.detail == "gone");
  const auto stopped = status_from_ipp(5, {"paused"}, false);
  CHECK(merge_device_status(stopped, status_from_ipp(3, {"cover-open"}, true)).names() ==
        "cover-open,stopped,not-accepting");
}

TEST_CASE("ESC/POS DLE EOT answers decode to conditions") {
  CHECK(status_from_dle_eot(0x12, 0x12, 0x12).names() == "ready");
  CHECK(status_from_dle_eot(0x1A, 0x32, 0x72).names() == "media-empty");
  CHECK(status_from_dle_eot(0x12, 0x12, 0x1E).names() == "media-low");
  CHECK(status_from_dle_eot(0x1A, 0x16, 0x12).names() == "cover-open");
  CHECK(status_from_dle_eot(0x1A, 0x52, 0x12).headline() == C::jam);
  CHECK(status_from_dle_eot(0x1A, 0x12, 0x12).names() == "stopped");
  CHECK(status_from_dle_eot(0x00, 0x12, 0x12).names() == "unknown");
  CHECK(status_from_dle_eot(0x12, 0x12, 0x93).names() == "unknown");
}
