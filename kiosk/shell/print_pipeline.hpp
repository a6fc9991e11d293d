#pragma once
// Receipt rendering and ESC/POS encoding on a worker thread (font rendering
// takes tens of milliseconds and must not stall the screen), then hands the
// job to the printer port. Each job ends in exactly one PrintFinished.
#include "kiosk/app/events.hpp"
#include "kiosk/app/receipt_content.hpp"
#include "kiosk/app/texts.hpp"
#include "net/protocol/catalog.hpp"
#include "net/protocol/ticket.hpp"
#include "printer/receipt.hpp"
#include "printer/ticket_printer.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace motcua::kiosk {

class PrintPipeline {
public:
  using Report = std::function<void(PrintFinished)>; // called on a worker thread

  PrintPipeline(std::shared_ptr<printer::ReceiptFonts> fonts, Texts receipt_texts,
                ReceiptExtras extras, int paper_width_dots,
                printer::TicketPrinter &printer, Report report);
  ~PrintPipeline(); // renders and submits what is queued, then joins
  PrintPipeline(const PrintPipeline &) = delete;
  PrintPipeline &operator=(const PrintPipeline &) = delete;

  void submit(Ticket ticket, std::shared_ptr<const Catalog> catalog);
  // The technician changed the paper: tickets not yet rendered use this width.
  void set_paper_width(int dots);

private:
  struct Job {
    Ticket ticket;
    std::shared_ptr<const Catalog> catalog;
  };
  void run();

  std::shared_ptr<printer::ReceiptFonts> fonts_;
  Texts receipt_texts_;
  ReceiptExtras extras_; // logo, footer, QR base URL from the config
  int paper_width_dots_; // guarded by mutex_
  printer::TicketPrinter &printer_;
  Report report_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
  std::thread thread_;
};

} // namespace motcua::kiosk
