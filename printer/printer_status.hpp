#pragma once
// Printer health as one flag set with one table of names and messages, shared
// by the kiosk and the station server. Pure: parsing IPP and ESC/POS status
// answers lives here, reading them from the wire does not.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::printer {

// Listed from most to least severe: the first flag set is the headline.
enum class PrinterCondition : std::uint8_t {
  offline, // unreachable: no answer from CUPS or the printer
  cover_open,
  jam,
  media_empty,
  stopped,       // queue paused (cupsdisable) or printer stopped on an error
  not_accepting, // queue rejects new jobs (cupsreject)
  unknown,       // nothing could be learnt yet
  media_low,
  printing,
  ready,
};

struct PrinterConditionInfo {
  PrinterCondition condition;
  std::string_view name;       // wire and log name, e.g. "media-empty"
  std::string_view message_vi; // for the screen and the station's dashboard
  std::string_view message_en;
  bool blocks_printing; // a ticket cannot come out while this holds
};

std::span<const PrinterConditionInfo> printer_conditions();
const PrinterConditionInfo &info(PrinterCondition condition);
std::optional<PrinterCondition> condition_from_name(std::string_view name);

class PrinterStatus {
public:
  PrinterStatus() = default; // unknown
  static PrinterStatus of(std::initializer_list<PrinterCondition> conditions,
                          std::string detail = {});

  bool has(PrinterCondition c) const { return (flags_ & bit(c)) != 0; }
  void set(PrinterCondition c) { flags_ |= bit(c); }
  void clear(PrinterCondition c) { flags_ &= ~bit(c); }
  std::uint16_t flags() const { return flags_; }

  // The most severe condition; `unknown` when no flag is set.
  PrinterCondition headline() const;
  std::vector<PrinterCondition> conditions() const; // most severe first
  bool can_print() const;
  // "media-empty,stopped" or "unknown".
  std::string names() const;
  // The headline's message in "vi" (default) or "en".
  std::string_view message(std::string_view language) const;

  // What the printer or CUPS said in its own words, for technicians.
  std::string detail;

  bool operator==(const PrinterStatus &o) const { return flags_ == o.flags_; }

private:
  static std::uint16_t bit(PrinterCondition c) {
    return static_cast<std::uint16_t>(1u << static_cast<unsigned>(c));
  }
  std::uint16_t flags_ = 0;
};

// IPP printer-state: 3 idle, 4 processing, 5 stopped (0: not reported).
// Reasons are printer-state-reasons keywords, with or without their
// -report/-warning/-error suffix (all read the same).
PrinterStatus status_from_ipp(int printer_state, const std::vector<std::string> &reasons,
                              bool accepting_jobs, std::string message = {});

// Merges what the printer itself says (paper, cover) into what the CUPS queue
// says (stopped, accepting): device conditions are added, and a reachable
// device clears `offline`.
PrinterStatus merge_device_status(PrinterStatus queue, const PrinterStatus &device);

// ESC/POS real-time status (DLE EOT n) answers: n = 1 printer, 2 offline
// cause, 4 roll paper sensor. Returns unknown for bytes that are not status
// bytes (bit 0 and bit 7 must be 0, bit 1 and bit 4 must be 1).
PrinterStatus status_from_dle_eot(std::uint8_t printer, std::uint8_t offline_cause,
                                  std::uint8_t paper_sensor);

} // namespace motcua::printer
