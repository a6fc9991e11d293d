// The ticket the kiosk prints (catalog, Vietnamese texts, logo, footer and QR
// code from the config's defaults: what `motcua-kiosk ticket-preview` writes)
// against committed reference images at both paper widths, and the ticket of
// a citizen with nobody ahead. Regenerate on purpose with
// MOTCUA_REGENERATE_GOLDENS=1 kiosk_app_tests -tc='the kiosk ticket matches*',
// then look at the images before committing them.
#include "kiosk/app/ticket_print_job.hpp"
#include "printer/png_writer.hpp"
#include "printer/sample_receipt.hpp"

#include <doctest/doctest.h>

#include <cstdlib>

using namespace motcua;
using namespace motcua::kiosk;

namespace {

// Font rasterizer updates may move a few edge dots; a layout change moves
// thousands.
constexpr double kTolerance = 0.002;

printer::Bitmap render(int width, int people_ahead) {
  static auto fonts = printer::load_receipt_fonts(MOTCUA_ASSETS_DIR);
  static auto catalog = load_catalog_file(MOTCUA_ASSETS_DIR "/catalog/default.json");
  static auto texts = Texts::load_language(MOTCUA_ASSETS_DIR, "vi");
  REQUIRE_MESSAGE(fonts.has_value(), fonts.error());
  REQUIRE(catalog.has_value());
  REQUIRE(texts.has_value());
  ReceiptSettings settings; // as a config without "receipt" gives, but for the URL
  settings.ticket_url = kSampleTicketUrl;
  static auto extras = load_receipt_extras(settings, MOTCUA_ASSETS_DIR);
  REQUIRE_MESSAGE(extras.has_value(), extras.error());
  return ticket_print_job(sample_ticket(*catalog, people_ahead), *catalog, *texts,
                          **fonts, width, *extras)
      .image;
}

int differing_dots(const printer::Bitmap &a, const printer::Bitmap &b) {
  int n = 0;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x)
      n += a.get(x, y) != b.get(x, y);
  return n;
}

void check_golden(const std::string &name, const printer::Bitmap &actual) {
  CAPTURE(name);
  const std::string path = std::string(MOTCUA_TEST_DATA_DIR) + "/golden/" + name;
  if (std::getenv("MOTCUA_REGENERATE_GOLDENS") != nullptr) {
    auto written = printer::write_png(actual, path);
    REQUIRE_MESSAGE(written.has_value(), written.error());
    MESSAGE("rewrote tests/data/golden/" << name);
  }
  auto golden = printer::read_png_bitmap(path);
  REQUIRE_MESSAGE(golden.has_value(), golden.error());
  const std::string actual_path = std::string(MOTCUA_BINARY_DIR) + "/actual-" + name;
  printer::write_png(actual, actual_path); // for a person comparing after a failure
  REQUIRE(actual.width == golden->width);
  REQUIRE(actual.height == golden->height);
  const double share =
      differing_dots(actual, *golden) / static_cast<double>(actual.width * actual.height);
  CHECK_MESSAGE(share <= kTolerance,
                "differs from the golden image; see " << actual_path);
}

} // namespace

TEST_CASE("the kiosk ticket matches its golden images at 576 and 384 dots") {
  for (int width : {printer::kPaper80mmDots, printer::kPaper58mmDots}) {
    CAPTURE(width);
    check_golden("kiosk-ticket-" + std::to_string(width) + ".png", render(width, 3));
  }
  check_golden("kiosk-ticket-next-384.png", render(printer::kPaper58mmDots, 0));
}

TEST_CASE("the kiosk ticket with nobody ahead is shorter by the wait line") {
  const auto three = render(printer::kPaper58mmDots, 3);
  const auto none = render(printer::kPaper58mmDots, 0);
  CHECK(none.width == three.width);
  CHECK(none.height < three.height);
}
