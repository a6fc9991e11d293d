#pragma once
// The port the kiosk prints through. Implementations never block the caller:
// they queue the job and call `done` later from their own thread.
#include "printer/bitmap.hpp"
#include "printer/printer_status.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace motcua::printer {

struct PrintJob {
  std::string title;              // job name shown in CUPS, e.g. "Phieu A015"
  std::vector<std::uint8_t> data; // ready ESC/POS bytes, sent as they are
  // When not empty, the printer encodes this receipt in the format its queue
  // takes (ESC/POS or PWG raster) and `data` is not used.
  Bitmap image;
};

// How a job ended.
enum class JobEnd {
  not_sent,       // never reached the printer or CUPS
  delivered,      // handed over; not followed further (direct TCP, or deadline 0)
  completed,      // CUPS says the printer finished it
  aborted,        // CUPS or the printer gave up on it
  canceled,       // canceled by someone else
  stuck_canceled, // not finished by the deadline (or held): we canceled it
  lost,           // contact with CUPS lost while following it
};
const char *job_end_name(JobEnd end);

struct PrintOutcome {
  bool ok = false;
  int job_id = 0;    // CUPS job id when known
  std::string error; // technician-facing reason when !ok
  JobEnd end = JobEnd::not_sent;
  PrinterStatus printer_status; // read after the job; unknown if not read
};

class TicketPrinter {
public:
  virtual ~TicketPrinter() = default;
  virtual void submit(PrintJob job, std::function<void(PrintOutcome)> done) = 0;
};

} // namespace motcua::printer
