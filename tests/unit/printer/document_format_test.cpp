#include "printer/document_format.hpp"

#include <doctest/doctest.h>

using namespace motcua::printer;

namespace {

QueueFacts raw_queue() {
  QueueFacts f;
  f.raw = true;
  f.make_and_model = "Local Raw Printer";
  // cupsd lists every format it could filter, even for raw queues.
  f.formats = {"application/pdf", "application/vnd.cups-raw", "image/pwg-raster"};
  return f;
}

QueueFacts everywhere_queue(std::vector<int> dpi) {
  QueueFacts f;
  f.make_and_model = "Printer - IPP Everywhere";
  f.formats = {"application/pdf", "application/vnd.cups-raw", "image/pwg-raster"};
  f.pwg_resolutions = std::move(dpi);
  return f;
}

} // namespace

TEST_CASE("raw queues get ESC/POS, IPP Everywhere queues PWG raster") {
  auto raw = choose_format(DocumentFormat::automatic, raw_queue());
  REQUIRE(raw.has_value());
  CHECK(raw->format == DocumentFormat::escpos);
  CHECK(raw->mime == "application/vnd.cups-raw");
  auto ipp = choose_format(DocumentFormat::automatic, everywhere_queue({600, 300}));
  REQUIRE(ipp.has_value());
  CHECK(ipp->format == DocumentFormat::pwg_raster);
  CHECK(ipp->mime == "image/pwg-raster");
  CHECK(ipp->dpi == 300);
  CHECK(choose_format(DocumentFormat::automatic, everywhere_queue({600}))->dpi == 600);
  CHECK(choose_format(DocumentFormat::automatic, everywhere_queue({}))->dpi == 300);
}

TEST_CASE("the configured format wins when the queue can take it") {
  CHECK(choose_format(DocumentFormat::escpos, everywhere_queue({300}))->format ==
        DocumentFormat::escpos);
  CHECK_FALSE(choose_format(DocumentFormat::pwg_raster, raw_queue()).has_value());
  QueueFacts pdf_only;
  pdf_only.formats = {"application/pdf"};
  CHECK_FALSE(choose_format(DocumentFormat::automatic, pdf_only).has_value());
}

TEST_CASE("format names round-trip") {
  for (auto f :
       {DocumentFormat::automatic, DocumentFormat::escpos, DocumentFormat::pwg_raster})
    CHECK(format_from_name(format_name(f)) == f);
  CHECK_FALSE(format_from_name("pdf").has_value());
}

TEST_CASE("document names carry no white space, which crashes Debian's cupsd") {
  CHECK(cups_document_name("Phieu D042") == "Phieu-D042");
  CHECK(cups_document_name("a\tb\nc") == "a-b-c");
  CHECK(cups_document_name("Phiếu A015") == "Phiếu-A015");
  CHECK(cups_document_name("") == "ticket");
}
