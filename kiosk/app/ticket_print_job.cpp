#include "kiosk/app/ticket_print_job.hpp"

namespace motcua::kiosk {

printer::PrintJob ticket_print_job(const Ticket &ticket, const Catalog &catalog,
                                   const Texts &receipt_texts,
                                   printer::ReceiptFonts &fonts, int paper_width_dots,
                                   const ReceiptExtras &extras) {
  auto content = receipt_for(ticket, catalog, receipt_texts, extras);
  printer::PrintJob job;
  // CUPS job names travel through logs and old tools: keep them ASCII.
  job.title = "Phieu " + ticket.number;
  job.image = printer::render_receipt(content, fonts, paper_width_dots);
  return job;
}

Ticket sample_ticket(const Catalog &catalog, int people_ahead) {
  Ticket t;
  t.number = "A015";
  t.service_id = "A";
  t.sequence = 15;
  t.day = "2026-11-28";
  t.issued_at = "2026-11-28T08:15:00+07:00";
  if (catalog.find_priority_group("elderly"))
    t.priority_group = "elderly";
  t.people_ahead = people_ahead;
  const Service *service = catalog.find_service(t.service_id);
  t.estimated_wait_minutes = people_ahead * (service ? service->avg_service_minutes : 10);
  return t;
}

Result<ReceiptExtras> load_receipt_extras(const ReceiptSettings &settings,
                                          const std::string &assets_dir) {
  ReceiptExtras extras;
  extras.footer = settings.footer;
  extras.ticket_url = settings.ticket_url;
  const std::string path = settings.logo_path.value_or(assets_dir + "/images/emblem.png");
  if (!path.empty()) {
    auto logo = printer::load_receipt_logo(path);
    if (!logo)
      return unexpected("receipt logo: " + logo.error());
    extras.logo = std::move(logo.value());
  }
  return extras;
}

} // namespace motcua::kiosk
