#pragma once
// Prints through a CUPS queue with libcups, on a worker thread with its own
// connection and timeouts (never CUPS_HTTP_DEFAULT). Receipts go as ESC/POS
// to raw queues and as PWG raster to IPP Everywhere queues; each job is
// followed to a final state, and canceled if it is stuck past the deadline.
#include "printer/cups_connection.hpp"
#include "printer/ticket_printer.hpp"

#include <memory>
#include <string>

namespace motcua::printer {

class CupsRawPrinter final : public TicketPrinter {
public:
  explicit CupsRawPrinter(CupsQueue queue);
  // Fails queued jobs, stops following the current one, joins the worker:
  // bounded by one request timeout.
  ~CupsRawPrinter() override;
  void submit(PrintJob job, std::function<void(PrintOutcome)> done) override;

private:
  struct Worker;
  std::unique_ptr<Worker> worker_;
};

} // namespace motcua::printer
