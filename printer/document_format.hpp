#pragma once
// Which document a queue gets: ESC/POS for raw queues, PWG raster for IPP
// Everywhere / driverless printers. Pure: the facts come from CUPS elsewhere.
#include "net/protocol/result.hpp"
#include "printer/cups_connection.hpp"
#include "printer/printer_status.hpp"

#include <string>
#include <vector>

namespace motcua::printer {

inline constexpr const char *kMimeRaw = "application/vnd.cups-raw";
inline constexpr const char *kMimePwgRaster = "image/pwg-raster";

// What CUPS says about one queue.
struct QueueFacts {
  bool raw = false;                 // no driver: bytes go to the device unchanged
  std::string make_and_model;       // "Local Raw Printer" for raw queues
  std::string device_uri;           // "socket://...", "ipp://..."
  std::vector<std::string> formats; // document-format-supported
  std::vector<int> pwg_resolutions; // pwg-raster-document-resolution-supported, dpi
  PrinterStatus status;
};

struct FormatChoice {
  DocumentFormat format = DocumentFormat::escpos;
  std::string mime = kMimeRaw;
  int dpi = 203; // PWG raster resolution; ESC/POS is always the printer's own
};

// `wanted` other than automatic is obeyed when the queue can take it.
Result<FormatChoice> choose_format(DocumentFormat wanted, const QueueFacts &facts);

// The document-name sent with Send-Document. Debian 12's cupsd 2.4.2
// segfaults on a document-name containing a space (measured: "a b" kills it,
// "a-b" does not), so white space becomes '-'.
std::string cups_document_name(std::string_view title);

const char *format_name(DocumentFormat format); // "auto", "escpos", "pwg-raster"
std::optional<DocumentFormat> format_from_name(std::string_view name);

} // namespace motcua::printer
