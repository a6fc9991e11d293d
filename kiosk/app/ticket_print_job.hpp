#pragma once
// The one path from an issued ticket to a printer job: receipt content (with
// the kiosk's logo, footer and QR code) and its 1-bit raster. The transport
// encodes the raster in the format its queue takes (ESC/POS or PWG raster).
// Integration tests call it to build the expected dots.
#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/app/receipt_content.hpp"
#include "kiosk/app/texts.hpp"
#include "net/protocol/catalog.hpp"
#include "net/protocol/ticket.hpp"
#include "printer/receipt.hpp"
#include "printer/ticket_printer.hpp"

namespace motcua::kiosk {

// Deterministic: the same ticket, catalog, texts, fonts, width and extras give
// the same dots. Takes a while (font rendering): call it off the UI thread.
printer::PrintJob ticket_print_job(const Ticket &ticket, const Catalog &catalog,
                                   const Texts &receipt_texts,
                                   printer::ReceiptFonts &fonts, int paper_width_dots,
                                   const ReceiptExtras &extras = {});

// The extras a kiosk config asks for: its footer and QR base URL, and the logo
// (the config's PNG, else <assets>/images/emblem.png, none when set to "").
Result<ReceiptExtras> load_receipt_extras(const ReceiptSettings &settings,
                                          const std::string &assets_dir);

// The sample ticket of `motcua-kiosk ticket-preview` and the kiosk ticket
// goldens: A015 of service A, an elderly citizen (when the catalog has the
// group), issued 2026-11-28 08:15, `people_ahead` ahead at the service's
// average time each.
Ticket sample_ticket(const Catalog &catalog, int people_ahead = 3);
// Where the sample's QR code points without a config: the station address of
// the documentation's examples.
inline constexpr const char *kSampleTicketUrl = "http://127.0.0.1:8080";

} // namespace motcua::kiosk
