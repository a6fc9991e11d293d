#include "printer/direct_escpos_printer.hpp"

#include "printer/escpos_status.hpp"
#include "printer/print_worker.hpp"

namespace motcua::printer {

struct DirectEscPosPrinter::Worker {
  explicit Worker(DirectPrinterSettings s) : settings(std::move(s)) {}

  PrintOutcome send_job(const PrintJob &job) {
    PrintOutcome outcome;
    const int timeout = settings.timeout_ms;
    const std::string where =
        settings.address.host + ":" + std::to_string(settings.address.port);
    auto stream = TcpStream::connect(settings.address, timeout);
    if (!stream) {
      outcome.error = stream.error();
      outcome.printer_status =
          PrinterStatus::of({PrinterCondition::offline}, stream.error());
      return outcome;
    }
    if (settings.query_status) {
      auto status = query_escpos_status(stream.value(), settings.status_timeout_ms);
      if (!status) {
        outcome.printer_status =
            PrinterStatus::of({PrinterCondition::unknown}, status.error());
      } else if (outcome.printer_status = status.value(); !status->can_print()) {
        outcome.error = "printer " + where + " reports " + status->names();
        return outcome;
      }
    }
    const auto bytes =
        job.image.height > 0 ? encode_escpos(job.image, settings.escpos) : job.data;
    if (auto sent = stream->write_all(bytes, timeout); !sent) {
      outcome.error = sent.error() + " (printer " + where + ")";
      return outcome;
    }
    stream->finish(timeout);
    outcome.ok = true;
    outcome.end = JobEnd::delivered;
    return outcome;
  }

  DirectPrinterSettings settings;
  PrintWorker thread{[this](const PrintJob &job) { return send_job(job); }};
};

DirectEscPosPrinter::DirectEscPosPrinter(DirectPrinterSettings settings)
    : worker_(std::make_unique<Worker>(std::move(settings))) {}

DirectEscPosPrinter::~DirectEscPosPrinter() = default;

void DirectEscPosPrinter::submit(PrintJob job, std::function<void(PrintOutcome)> done) {
  worker_->thread.submit(std::move(job), std::move(done));
}

} // namespace motcua::printer
