#pragma once
// The one path from an issued ticket to printer bytes: receipt content,
// 1-bit raster, ESC/POS. Integration tests call it to build the expected bytes.
#include "kiosk/app/texts.hpp"
#include "net/protocol/catalog.hpp"
#include "net/protocol/ticket.hpp"
#include "printer/receipt.hpp"
#include "printer/ticket_printer.hpp"

namespace motcua::kiosk {

// Deterministic: the same ticket, catalog, texts, fonts and width give the
// same bytes. Takes a while (font rendering): call it off the UI thread.
printer::PrintJob ticket_print_job(const Ticket &ticket, const Catalog &catalog,
                                   const Texts &receipt_texts,
                                   printer::ReceiptFonts &fonts, int paper_width_dots);

} // namespace motcua::kiosk
