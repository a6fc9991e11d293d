#pragma once
// ESC/POS straight to a network receipt printer (TCP 9100), without CUPS:
// the second transport, for sites where raw CUPS queues are gone. Asks the
// printer's status (DLE EOT) before and after each job where it answers.
#include "printer/escpos.hpp"
#include "printer/tcp_stream.hpp"
#include "printer/ticket_printer.hpp"

#include <memory>

namespace motcua::printer {

struct DirectPrinterSettings {
  HostPort address;
  int timeout_ms = 5000; // connect, each write, each status answer
  // Ask DLE EOT before sending; a printer that says it has no paper or an
  // open cover does not get the job. One that does not answer within
  // status_timeout_ms still gets it, with its status left unknown.
  bool query_status = true;
  int status_timeout_ms = 1000;
  EscPosOptions escpos;
};

class DirectEscPosPrinter final : public TicketPrinter {
public:
  explicit DirectEscPosPrinter(DirectPrinterSettings settings);
  ~DirectEscPosPrinter() override;
  void submit(PrintJob job, std::function<void(PrintOutcome)> done) override;

private:
  struct Worker;
  std::unique_ptr<Worker> worker_;
};

} // namespace motcua::printer
