#include "kiosk/app/ticket_print_job.hpp"

#include "kiosk/app/receipt_content.hpp"
#include "printer/escpos.hpp"

namespace motcua::kiosk {

printer::PrintJob ticket_print_job(const Ticket &ticket, const Catalog &catalog,
                                   const Texts &receipt_texts,
                                   printer::ReceiptFonts &fonts, int paper_width_dots) {
  auto content = receipt_for(ticket, catalog, receipt_texts);
  auto image = printer::render_receipt(content, fonts, paper_width_dots);
  // CUPS job names travel through logs and old tools: keep them ASCII.
  return printer::PrintJob{"Phieu " + ticket.number, printer::encode_escpos(image)};
}

} // namespace motcua::kiosk
