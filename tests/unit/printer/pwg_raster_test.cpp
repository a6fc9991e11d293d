#include "printer/pwg_raster.hpp"
#include "printer/sample_receipt.hpp"

#include <doctest/doctest.h>

using namespace motcua::printer;

namespace {

Bitmap sample_bitmap(int width) {
  static auto fonts = load_receipt_fonts(MOTCUA_ASSETS_DIR);
  REQUIRE_MESSAGE(fonts.has_value(), fonts.error());
  return render_receipt(sample_receipt_content(), **fonts, width);
}

} // namespace

TEST_CASE("PWG raster decodes back to the receipt at the receipt's own resolution") {
  const Bitmap receipt = sample_bitmap(kPaper80mmDots);
  const auto bytes = encode_pwg_raster(receipt, {kReceiptDpi});
  REQUIRE(bytes.size() > 4);
  CHECK(std::string(bytes.begin(), bytes.begin() + 4) == "RaS2");
  auto pages = decode_pwg_raster(bytes);
  REQUIRE_MESSAGE(pages.has_value(), pages.error());
  REQUIRE(pages->size() == 1);
  CHECK(pages->front().dpi == kReceiptDpi);
  CHECK(pages->front().bits_per_pixel == 8);
  CHECK(pages->front().image == receipt);
}

TEST_CASE("PWG raster at the printer's resolution is the receipt scaled") {
  for (int width : {kPaper80mmDots, kPaper58mmDots}) {
    const Bitmap receipt = sample_bitmap(width);
    auto pages = decode_pwg_raster(encode_pwg_raster(receipt, {600}));
    REQUIRE(pages.has_value());
    const Bitmap &page = pages->front().image;
    CHECK(pages->front().dpi == 600);
    CHECK(page.width == (width * 600 + 101) / 203);
    CHECK(page == rescale(receipt, kReceiptDpi, 600));
    // Scaling keeps the picture: sampling the page back at 203 dpi gives the receipt.
    CHECK(rescale(page, 600, kReceiptDpi) == receipt);
  }
}

TEST_CASE("bytes that are not PWG raster are refused") {
  CHECK_FALSE(decode_pwg_raster({}).has_value());
  CHECK_FALSE(decode_pwg_raster({0x1B, 0x40, 0x1D, 0x56, 66, 0}).has_value());
}
