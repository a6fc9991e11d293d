#include "kiosk/shell/print_pipeline.hpp"

#include "kiosk/app/ticket_print_job.hpp"

namespace motcua::kiosk {

PrintPipeline::PrintPipeline(std::shared_ptr<printer::ReceiptFonts> fonts,
                             Texts receipt_texts, ReceiptExtras extras,
                             int paper_width_dots, printer::TicketPrinter &printer,
                             Report report)
    : fonts_(std::move(fonts)), receipt_texts_(std::move(receipt_texts)),
      extras_(std::move(extras)), paper_width_dots_(paper_width_dots), printer_(printer),
      report_(std::move(report)), thread_([this] { run(); }) {}

PrintPipeline::~PrintPipeline() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void PrintPipeline::submit(Ticket ticket, std::shared_ptr<const Catalog> catalog) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(Job{std::move(ticket), std::move(catalog)});
  }
  wake_.notify_one();
}

void PrintPipeline::set_paper_width(int dots) {
  std::lock_guard lock(mutex_);
  paper_width_dots_ = dots;
}

void PrintPipeline::run() {
  for (;;) {
    Job job;
    int width = 0;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      // An issued ticket is printed even when the kiosk is closing.
      if (jobs_.empty())
        return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
      width = paper_width_dots_;
    }
    const std::string number = job.ticket.number;
    if (!job.catalog) {
      report_(PrintFinished{number, false, "no catalog to print the ticket from"});
      continue;
    }
    auto print_job = ticket_print_job(job.ticket, *job.catalog, receipt_texts_, *fonts_,
                                      width, extras_);
    printer_.submit(
        std::move(print_job), [report = report_, number](printer::PrintOutcome o) {
          report(PrintFinished{number, o.ok,
                               o.ok ? "job " + std::to_string(o.job_id) : o.error});
        });
  }
}

} // namespace motcua::kiosk
