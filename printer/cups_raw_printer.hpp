#pragma once
// Sends ESC/POS bytes to a raw CUPS queue with libcups, on a worker thread
// with its own connection and timeouts (never CUPS_HTTP_DEFAULT).
#include "printer/ticket_printer.hpp"

#include <memory>
#include <string>

namespace motcua::printer {

struct CupsQueue {
  std::string name;            // CUPS queue, e.g. "motcua-raw"
  std::string server;          // "localhost:631"; empty: cupsServer() (CUPS_SERVER)
  int timeout_ms = 5000;       // connect and per-request limit
};

class CupsRawPrinter final : public TicketPrinter {
public:
  explicit CupsRawPrinter(CupsQueue queue);
  ~CupsRawPrinter() override; // finishes queued jobs' callbacks, joins the worker
  void submit(PrintJob job, std::function<void(PrintOutcome)> done) override;

private:
  struct Worker;
  std::unique_ptr<Worker> worker_;
};

} // namespace motcua::printer
