#pragma once
// What goes on the paper ticket. The receipt speaks the station's language
// (Vietnamese) whatever language the screen shows: pass the "vi" texts.
#include "kiosk/app/texts.hpp"
#include "net/protocol/catalog.hpp"
#include "net/protocol/ticket.hpp"
#include "printer/receipt.hpp"

namespace motcua::kiosk {

printer::ReceiptContent receipt_for(const Ticket &ticket, const Catalog &catalog,
                                    const Texts &receipt_texts);

} // namespace motcua::kiosk
