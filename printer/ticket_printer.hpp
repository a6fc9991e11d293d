#pragma once
// The port the kiosk prints through. Implementations never block the caller:
// they queue the job and call `done` later from their own thread.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace motcua::printer {

struct PrintJob {
  std::string title; // job name shown in CUPS, e.g. "Phieu A015"
  std::vector<std::uint8_t> data;
};

struct PrintOutcome {
  bool ok = false;
  int job_id = 0;    // CUPS job id when known
  std::string error; // technician-facing reason when !ok
};

class TicketPrinter {
public:
  virtual ~TicketPrinter() = default;
  virtual void submit(PrintJob job, std::function<void(PrintOutcome)> done) = 0;
};

} // namespace motcua::printer
