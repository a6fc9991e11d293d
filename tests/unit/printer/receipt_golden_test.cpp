// The sample ticket (with the default logo) against committed reference
// images, for both paper widths. Regenerate on purpose with
// MOTCUA_REGENERATE_GOLDENS=1 printer_tests -tc='the sample ticket matches*',
// then look at the images before committing them.
#include "printer/escpos.hpp"
#include "printer/png_writer.hpp"
#include "printer/sample_receipt.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

using namespace motcua::printer;

namespace {

// Font rasterizer updates may move a few edge dots; a layout change moves
// thousands.
constexpr double kTolerance = 0.002;

Bitmap render(int width) {
  static auto fonts = load_receipt_fonts(MOTCUA_ASSETS_DIR);
  static auto logo = load_default_logo(MOTCUA_ASSETS_DIR);
  REQUIRE_MESSAGE(fonts.has_value(), fonts.error());
  REQUIRE_MESSAGE(logo.has_value(), logo.error());
  return render_receipt(sample_receipt_content(*logo), **fonts, width);
}

int differing_dots(const Bitmap &a, const Bitmap &b) {
  int n = 0;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x)
      n += a.get(x, y) != b.get(x, y);
  return n;
}

} // namespace

TEST_CASE("the sample ticket matches its golden image at 576 and 384 dots") {
  for (int width : {kPaper80mmDots, kPaper58mmDots}) {
    CAPTURE(width);
    const std::string name = "receipt-" + std::to_string(width) + ".png";
    if (std::getenv("MOTCUA_REGENERATE_GOLDENS") != nullptr) {
      auto written = write_png(render(width), MOTCUA_TEST_DATA_DIR "/golden/" + name);
      REQUIRE_MESSAGE(written.has_value(), written.error());
      MESSAGE("rewrote tests/data/golden/" << name);
    }
    auto golden = read_png_bitmap(MOTCUA_TEST_DATA_DIR "/golden/" + name);
    REQUIRE_MESSAGE(golden.has_value(),
                    golden.error() << " (run scripts/regenerate-goldens to create it)");
    const Bitmap actual = render(width);
    const std::string actual_path = std::string(MOTCUA_BINARY_DIR) + "/actual-" + name;
    write_png(actual, actual_path); // for a person comparing after a failure
    REQUIRE(actual.width == golden->width);
    REQUIRE(actual.height == golden->height);
    const double share = differing_dots(actual, *golden) /
                         static_cast<double>(actual.width * actual.height);
    CHECK_MESSAGE(share <= kTolerance,
                  "differs from the golden image; see " << actual_path);
  }
}

TEST_CASE("ESC/POS of the sample ticket decodes back to its bitmap at both widths") {
  for (int width : {kPaper80mmDots, kPaper58mmDots}) {
    const Bitmap image = render(width);
    auto doc = decode_escpos(encode_escpos(image));
    REQUIRE_MESSAGE(doc.has_value(), doc.error());
    CHECK(doc->image == image);
    CHECK(doc->cut);
  }
}
