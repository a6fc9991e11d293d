#pragma once
// Reading a queue's facts and health from CUPS, and an IPP printer's health
// from the printer itself. Blocking calls, bounded by the queue's timeout:
// run them on a printer worker thread only.
#include "net/protocol/result.hpp"
#include "printer/cups_connection.hpp"
#include "printer/document_format.hpp"
#include "printer/printer_status.hpp"

#include <string>

namespace motcua::printer {

Result<QueueFacts> read_queue_facts(http_t *http, const std::string &queue);
Result<PrinterStatus> read_ipp_printer_status(const std::string &printer_uri,
                                              int timeout_ms);

// The whole picture: the queue's state, plus (queue.ask_device, IPP device,
// queue not printing) the printer's own. Never fails: a CUPS that cannot be
// reached is `offline` with the reason in detail.
PrinterStatus read_printer_status(const CupsQueue &queue);
PrinterStatus read_printer_status(http_t *http, const CupsQueue &queue);

} // namespace motcua::printer
