#include "kiosk/app/receipt_content.hpp"

namespace motcua::kiosk {

std::vector<std::string> wait_lines(const Ticket &ticket, const Texts &texts) {
  if (ticket.people_ahead <= 0)
    return {texts.get("ticket.you_are_next")};
  return {
      texts.format("ticket.people_ahead", {{"n", std::to_string(ticket.people_ahead)}}),
      texts.format("ticket.estimated_wait",
                   {{"m", std::to_string(ticket.estimated_wait_minutes)}})};
}

printer::ReceiptContent receipt_for(const Ticket &ticket, const Catalog &catalog,
                                    const Texts &receipt_texts,
                                    const ReceiptExtras &extras) {
  printer::ReceiptContent r;
  r.logo = extras.logo;
  r.station_name = catalog.station_name;
  r.title = receipt_texts.get("ticket.title");
  r.number = ticket.number;
  const Service *service = catalog.find_service(ticket.service_id);
  r.service_label = service ? service->label.vi : ticket.service_id;
  r.detail_lines = wait_lines(ticket, receipt_texts);
  if (ticket.priority_group) {
    const PriorityGroup *group = catalog.find_priority_group(*ticket.priority_group);
    r.detail_lines.push_back(group ? group->label.vi : *ticket.priority_group);
  }
  r.time_line = format_ticket_time(ticket.issued_at);
  r.footer =
      extras.footer.empty() ? receipt_texts.get("ticket.please_wait") : extras.footer;
  if (!extras.ticket_url.empty()) {
    std::string base = extras.ticket_url;
    while (!base.empty() && base.back() == '/')
      base.pop_back();
    r.qr_payload = base + "/t/" + ticket.day + "/" + ticket.number;
  }
  return r;
}

} // namespace motcua::kiosk
