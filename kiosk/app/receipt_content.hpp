#pragma once
// What goes on the paper ticket. The receipt speaks the station's language
// (Vietnamese) whatever language the screen shows: pass the "vi" texts.
#include "kiosk/app/texts.hpp"
#include "net/protocol/catalog.hpp"
#include "net/protocol/ticket.hpp"
#include "printer/receipt.hpp"

#include <memory>
#include <string>
#include <vector>

namespace motcua::kiosk {

// Parts of the ticket that come from the kiosk's set-up rather than the ticket.
struct ReceiptExtras {
  std::shared_ptr<const printer::GrayImage> logo; // loaded once at start; null: none
  std::string footer;     // from config; empty: the "ticket.please_wait" text
  std::string ticket_url; // station URL for the QR code; empty: no QR code
};

// People ahead and the estimated wait, as the citizen reads them: with nobody
// ahead one line saying they are next ("~0 minutes" reads as a fault).
std::vector<std::string> wait_lines(const Ticket &ticket, const Texts &texts);

// The QR code carries `<ticket_url>/t/<day>/<number>` (ticket status).
printer::ReceiptContent receipt_for(const Ticket &ticket, const Catalog &catalog,
                                    const Texts &receipt_texts,
                                    const ReceiptExtras &extras = {});

} // namespace motcua::kiosk
