#include "printer/document_format.hpp"

#include <algorithm>

namespace motcua::printer {
namespace {

bool supports(const QueueFacts &facts, std::string_view mime) {
  return std::find(facts.formats.begin(), facts.formats.end(), mime) !=
         facts.formats.end();
}

// The smallest resolution that does not lose the 203 dpi receipt's dots; the
// printer's only one if it has just one.
int pick_dpi(const std::vector<int> &resolutions) {
  int best = 0;
  for (int dpi : resolutions)
    if (dpi >= 200 && (best == 0 || dpi < best))
      best = dpi;
  if (best == 0 && !resolutions.empty())
    best = *std::max_element(resolutions.begin(), resolutions.end());
  return best == 0 ? 300 : best; // 300 dpi: every IPP Everywhere printer has it
}

FormatChoice escpos() { return {DocumentFormat::escpos, kMimeRaw, 203}; }

FormatChoice pwg(const QueueFacts &facts) {
  return {DocumentFormat::pwg_raster, kMimePwgRaster, pick_dpi(facts.pwg_resolutions)};
}

} // namespace

Result<FormatChoice> choose_format(DocumentFormat wanted, const QueueFacts &facts) {
  switch (wanted) {
  case DocumentFormat::escpos:
    return escpos(); // raw bytes: CUPS takes them on any queue
  case DocumentFormat::pwg_raster:
    if (facts.raw || !supports(facts, kMimePwgRaster))
      return unexpected(std::string("the queue does not take PWG raster (") +
                        (facts.raw ? "raw queue" : "not in document-format-supported") +
                        ")");
    return pwg(facts);
  case DocumentFormat::automatic:
    break;
  }
  if (facts.raw)
    return escpos();
  if (supports(facts, kMimePwgRaster))
    return pwg(facts);
  if (supports(facts, kMimeRaw))
    return escpos();
  return unexpected(std::string(
      "the queue takes neither PWG raster nor raw ESC/POS; set printer.format"));
}

std::string cups_document_name(std::string_view title) {
  std::string out(title);
  std::replace_if(
      out.begin(), out.end(),
      [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }, '-');
  return out.empty() ? "ticket" : out;
}

const char *format_name(DocumentFormat format) {
  switch (format) {
  case DocumentFormat::escpos:
    return "escpos";
  case DocumentFormat::pwg_raster:
    return "pwg-raster";
  case DocumentFormat::automatic:
    break;
  }
  return "auto";
}

std::optional<DocumentFormat> format_from_name(std::string_view name) {
  for (auto f :
       {DocumentFormat::automatic, DocumentFormat::escpos, DocumentFormat::pwg_raster})
    if (name == format_name(f))
      return f;
  return std::nullopt;
}

} // namespace motcua::printer
