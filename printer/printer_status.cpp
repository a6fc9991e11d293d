#include "printer/printer_status.hpp"

#include <algorithm>
#include <array>

namespace motcua::printer {
namespace {

using C = PrinterCondition;

// In enum order, so info() can index it.
constexpr std::array<PrinterConditionInfo, 10> kConditions{{
    {C::offline, "offline", "Máy in không kết nối được", "Printer unreachable", true},
    {C::cover_open, "cover-open", "Nắp máy in đang mở", "Printer cover open", true},
    {C::jam, "jam", "Máy in bị kẹt giấy", "Paper jam", true},
    {C::media_empty, "media-empty", "Máy in hết giấy", "Printer out of paper", true},
    {C::stopped, "stopped", "Máy in đang tạm dừng", "Printer stopped", true},
    {C::not_accepting, "not-accepting", "Máy in không nhận lệnh in",
     "Printer not accepting jobs", true},
    {C::unknown, "unknown", "Chưa rõ trạng thái máy in", "Printer status unknown", false},
    {C::media_low, "media-low", "Máy in sắp hết giấy", "Printer paper low", false},
    {C::printing, "printing", "Máy in đang in", "Printer printing", false},
    {C::ready, "ready", "Máy in sẵn sàng", "Printer ready", false},
}};

// "-report" is meant as informational, but printers and CUPS use it for facts
// that matter here (ippeveprinter's empty tray is "media-empty-report",
// CUPS' unreachable device "offline-report"): all suffixes read the same.
std::string_view strip_severity(std::string_view reason) {
  for (std::string_view suffix : {"-report", "-warning", "-error"})
    if (reason.ends_with(suffix))
      return reason.substr(0, reason.size() - suffix.size());
  return reason;
}

// printer-state-reasons keywords (RFC 8011, PWG 5100.9) and what they mean
// for a ticket; anything not listed here does not stop a ticket.
struct ReasonMapping {
  std::string_view keyword;
  C condition;
};
constexpr std::array<ReasonMapping, 14> kReasons{{
    {"media-empty", C::media_empty},
    {"media-needed", C::media_empty},
    {"media-low", C::media_low},
    {"cover-open", C::cover_open},
    {"door-open", C::cover_open},
    {"interlock-open", C::cover_open},
    {"media-jam", C::jam},
    {"input-tray-missing", C::jam},
    {"offline", C::offline},
    {"shutdown", C::offline},
    {"timed-out", C::offline},
    {"connecting-to-device", C::offline},
    {"paused", C::stopped},
    {"stopped-partly", C::stopped},
}};

} // namespace

std::span<const PrinterConditionInfo> printer_conditions() { return kConditions; }

const PrinterConditionInfo &info(PrinterCondition condition) {
  return kConditions[static_cast<std::size_t>(condition)];
}

std::optional<PrinterCondition> condition_from_name(std::string_view name) {
  for (const auto &c : kConditions)
    if (c.name == name)
      return c.condition;
  return std::nullopt;
}

PrinterStatus PrinterStatus::of(std::initializer_list<PrinterCondition> conditions,
                                std::string detail) {
  PrinterStatus s;
  for (auto c : conditions)
    s.set(c);
  s.detail = std::move(detail);
  return s;
}

PrinterCondition PrinterStatus::headline() const {
  for (const auto &c : kConditions)
    if (has(c.condition))
      return c.condition;
  return C::unknown;
}

std::vector<PrinterCondition> PrinterStatus::conditions() const {
  std::vector<PrinterCondition> out;
  for (const auto &c : kConditions)
    if (has(c.condition))
      out.push_back(c.condition);
  return out;
}

bool PrinterStatus::can_print() const {
  if (flags_ == 0)
    return false;
  return std::none_of(kConditions.begin(), kConditions.end(), [this](const auto &c) {
    return c.blocks_printing && has(c.condition);
  });
}

std::string PrinterStatus::names() const {
  if (flags_ == 0)
    return std::string(info(C::unknown).name);
  std::string out;
  for (auto c : conditions()) {
    if (!out.empty())
      out += ',';
    out += info(c).name;
  }
  return out;
}

std::string_view PrinterStatus::message(std::string_view language) const {
  const auto &i = info(headline());
  return language == "en" ? i.message_en : i.message_vi;
}

PrinterStatus status_from_ipp(int printer_state, const std::vector<std::string> &reasons,
                              bool accepting_jobs, std::string message) {
  PrinterStatus s;
  s.detail = std::move(message);
  switch (printer_state) {
  case 3:
    s.set(C::ready);
    break;
  case 4:
    s.set(C::printing);
    break;
  case 5:
    s.set(C::stopped);
    break;
  default:
    s.set(C::unknown);
    break;
  }
  if (!accepting_jobs)
    s.set(C::not_accepting);
  for (const auto &reason : reasons) {
    const auto keyword = strip_severity(reason);
    for (const auto &m : kReasons)
      if (m.keyword == keyword)
        s.set(m.condition);
  }
  // A fault outranks "ready"; keep "printing" so a busy printer reads as busy.
  if (s.headline() != C::ready)
    s.clear(C::ready);
  return s;
}

PrinterStatus merge_device_status(PrinterStatus queue, const PrinterStatus &device) {
  for (auto c : {C::cover_open, C::jam, C::media_empty, C::media_low})
    if (device.has(c))
      queue.set(c);
  if (device.has(C::offline)) {
    queue.set(C::offline);
  } else if (device.flags() != 0) {
    queue.clear(C::offline);
  }
  if (queue.headline() != C::ready)
    queue.clear(C::ready);
  if (!device.detail.empty())
    queue.detail =
        queue.detail.empty() ? device.detail : queue.detail + "; " + device.detail;
  return queue;
}

PrinterStatus status_from_dle_eot(std::uint8_t printer, std::uint8_t offline_cause,
                                  std::uint8_t paper_sensor) {
  const auto valid = [](std::uint8_t b) { return (b & 0x93) == 0x12; };
  if (!valid(printer) || !valid(offline_cause) || !valid(paper_sensor))
    return PrinterStatus::of({C::unknown}, "not an ESC/POS status answer");
  PrinterStatus s;
  if (offline_cause & 0x04)
    s.set(C::cover_open);
  if ((paper_sensor & 0x60) || (offline_cause & 0x20))
    s.set(C::media_empty);
  else if (paper_sensor & 0x0C)
    s.set(C::media_low);
  if (offline_cause & 0x40)
    s.set(C::jam); // "error occurred": on receipt printers almost always the cutter
  if ((printer & 0x08) && s.flags() == 0)
    s.set(C::stopped);
  if (s.flags() == 0)
    s.set(C::ready);
  return s;
}

} // namespace motcua::printer
