#include "printer/png_writer.hpp"
#include "printer/receipt.hpp"
#include "printer/sample_receipt.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <type_traits>

using namespace motcua::printer;

namespace {

ReceiptFonts &fonts() {
  static auto loaded = load_receipt_fonts(MOTCUA_ASSETS_DIR);
  REQUIRE_MESSAGE(loaded.has_value(), loaded.error());
  return **loaded;
}

struct InkBox {
  int x0, y0, x1, y1; // inclusive; x1 < x0 when there is no ink
  int width() const { return x1 - x0 + 1; }
  int height() const { return y1 - y0 + 1; }
};

InkBox ink_box(const Bitmap &b) {
  InkBox box{b.width, b.height, -1, -1};
  for (int y = 0; y < b.height; ++y)
    for (int x = 0; x < b.width; ++x)
      if (b.get(x, y)) {
        box.x0 = std::min(box.x0, x);
        box.x1 = std::max(box.x1, x);
        box.y0 = std::min(box.y0, y);
        box.y1 = std::max(box.y1, y);
      }
  return box;
}

int black_dots(const Bitmap &b) {
  int n = 0;
  for (int y = 0; y < b.height; ++y)
    for (int x = 0; x < b.width; ++x)
      n += b.get(x, y);
  return n;
}

std::shared_ptr<const GrayImage> solid(int width, int height) {
  GrayImage g;
  g.width = width;
  g.height = height;
  g.coverage.assign(static_cast<std::size_t>(width) * height, 255);
  return std::make_shared<const GrayImage>(std::move(g));
}

template <class T> int count_blocks(const ReceiptLayout &l) {
  int n = 0;
  for (const auto &b : l.blocks)
    n += std::holds_alternative<T>(b);
  return n;
}

} // namespace

TEST_CASE("space and rules are sized for 576 dots and scaled for 384") {
  for (int width : {kPaper80mmDots, kPaper58mmDots}) {
    CAPTURE(width);
    const int scale_num = width, scale_den = kPaper80mmDots;
    ReceiptLayout l;
    l.blocks = {SpaceBlock{30}, RuleBlock{3, 60}, SpaceBlock{30}};
    const Bitmap b = render_blocks(l, fonts(), width);
    CHECK(b.width == width);
    const InkBox box = ink_box(b);
    CHECK(box.y0 == 30 * scale_num / scale_den);
    CHECK(box.height() == std::max(1, 3 * scale_num / scale_den));
    CHECK(box.x0 == 60 * scale_num / scale_den);
    CHECK(box.x1 == width - 1 - 60 * scale_num / scale_den);
    CHECK(black_dots(b) == box.width() * box.height()); // solid
    CHECK(b.height == 60 * scale_num / scale_den + box.height());
  }
}

TEST_CASE("text is aligned left, centred or right within the margins") {
  const int width = kPaper80mmDots;
  ReceiptLayout l;
  l.margin = 20;
  const auto box_for = [&](Align a) {
    l.blocks = {TextBlock{"Cư trú", 30, FontWeight::bold, a}};
    return ink_box(render_blocks(l, fonts(), width));
  };
  const InkBox left = box_for(Align::left), centre = box_for(Align::center),
               right = box_for(Align::right);
  CHECK(left.x0 >= 20);
  CHECK(left.x0 <= 24); // the glyph's own side bearing
  CHECK(right.x1 <= width - 1 - 20);
  CHECK(right.x1 >= width - 1 - 24);
  CHECK(std::abs((centre.x0 + centre.x1) / 2 - width / 2) <= 4);
  CHECK(left.width() == centre.width());
  CHECK(right.width() == centre.width());
}

TEST_CASE("bold and larger text carries more ink") {
  ReceiptLayout l;
  l.blocks = {TextBlock{"Số người đang chờ", 27, FontWeight::regular}};
  const int regular = black_dots(render_blocks(l, fonts(), kPaper80mmDots));
  l.blocks = {TextBlock{"Số người đang chờ", 27, FontWeight::bold}};
  const int bold = black_dots(render_blocks(l, fonts(), kPaper80mmDots));
  l.blocks = {TextBlock{"Số người đang chờ", 40, FontWeight::regular}};
  const int large = black_dots(render_blocks(l, fonts(), kPaper80mmDots));
  CHECK(bold > regular);
  CHECK(large > regular);
}

TEST_CASE("an image is scaled to its width with its aspect ratio kept") {
  for (int width : {kPaper80mmDots, kPaper58mmDots}) {
    CAPTURE(width);
    ReceiptLayout l;
    l.blocks = {ImageBlock{solid(200, 100), 120, Align::center}};
    const InkBox box = ink_box(render_blocks(l, fonts(), width));
    const int expected = 120 * width / kPaper80mmDots;
    CHECK(box.width() == expected);
    CHECK(box.height() == expected / 2);
    CHECK(std::abs((box.x0 + box.x1) / 2 - width / 2) <= 1);
  }
  // Never wider than the paper inside its margins; no image, no block.
  ReceiptLayout wide;
  wide.blocks = {ImageBlock{solid(100, 10), 2000, Align::left}};
  const InkBox box = ink_box(render_blocks(wide, fonts(), kPaper58mmDots));
  CHECK(box.x0 == 8);
  CHECK(box.x1 == kPaper58mmDots - 9);
  ReceiptLayout none;
  none.blocks = {ImageBlock{nullptr, 120, Align::center}};
  CHECK(render_blocks(none, fonts(), kPaper80mmDots).height == 0);
}

TEST_CASE("a QR block scales its modules with the paper and skips what cannot be "
          "encoded") {
  ReceiptLayout l;
  l.blocks = {QrBlock{"http://192.168.1.10:8080/t/2026-11-28/A015"}};
  const InkBox wide = ink_box(render_blocks(l, fonts(), kPaper80mmDots));
  const InkBox narrow = ink_box(render_blocks(l, fonts(), kPaper58mmDots));
  CHECK(wide.width() == wide.height());
  CHECK(narrow.width() < wide.width());
  CHECK(wide.width() <= kPaper80mmDots * 45 / 100);
  l.blocks = {QrBlock{std::string(8000, 'x')}};
  CHECK(render_blocks(l, fonts(), kPaper80mmDots).height == 0);
}

TEST_CASE("the standard layout leaves out what the ticket does not have") {
  ReceiptContent full = sample_receipt_content(solid(10, 10));
  const ReceiptLayout l = receipt_layout(full);
  CHECK(count_blocks<ImageBlock>(l) == 1);
  CHECK(count_blocks<NumberBlock>(l) == 1);
  CHECK(count_blocks<QrBlock>(l) == 1);
  CHECK(count_blocks<RuleBlock>(l) == 2);
  CHECK(count_blocks<TextBlock>(l) == 5 + static_cast<int>(full.detail_lines.size()));
  // The logo comes first, above the station name.
  for (const auto &b : l.blocks) {
    if (std::holds_alternative<SpaceBlock>(b))
      continue;
    CHECK(std::holds_alternative<ImageBlock>(b));
    break;
  }
  ReceiptContent bare;
  bare.number = "A001";
  const ReceiptLayout b = receipt_layout(bare);
  CHECK(count_blocks<ImageBlock>(b) == 0);
  CHECK(count_blocks<QrBlock>(b) == 0);
  CHECK(count_blocks<TextBlock>(b) == 0);
  CHECK(count_blocks<RuleBlock>(b) == 1); // under the title; the footer brings its own
  CHECK(render_receipt(full, fonts()) == render_blocks(l, fonts(), kPaper80mmDots));
}

TEST_CASE("the logo sits above the station name and adds to the ticket") {
  auto logo = load_default_logo(MOTCUA_ASSETS_DIR);
  REQUIRE_MESSAGE(logo.has_value(), logo.error());
  for (int width : {kPaper80mmDots, kPaper58mmDots}) {
    CAPTURE(width);
    const Bitmap with = render_receipt(sample_receipt_content(*logo), fonts(), width);
    const Bitmap without = render_receipt(sample_receipt_content(), fonts(), width);
    CHECK(with.width == width);
    CHECK(with.height > without.height + 100 * width / kPaper80mmDots);
    CHECK(black_dots(with) > black_dots(without));
  }
}

TEST_CASE("logos load from any PNG, dark as ink and transparent as paper") {
  auto emblem = load_default_logo(MOTCUA_ASSETS_DIR);
  REQUIRE_MESSAGE(emblem.has_value(), emblem.error());
  CHECK((*emblem)->width == 160);
  CHECK((*emblem)->height == 160);
  CHECK((*emblem)->at(0, 0) == 0);     // white corner: paper
  CHECK((*emblem)->at(80, 80) == 255); // the star's centre: ink

  auto missing = load_receipt_logo("/nonexistent/logo.png");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().find("/nonexistent/logo.png") != std::string::npos);

  const auto dir = std::filesystem::path(MOTCUA_BINARY_DIR) / "test-output";
  std::filesystem::create_directories(dir);
  const auto path = (dir / "logo-rgba.png").string();
  // Left half opaque black, right half transparent black.
  std::vector<std::uint32_t> pixels;
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 4; ++x)
      pixels.push_back(x < 2 ? 0xFF000000u : 0x00000000u);
  REQUIRE(write_png_argb(4, 4, pixels, path).has_value());
  auto rgba = load_receipt_logo(path);
  REQUIRE_MESSAGE(rgba.has_value(), rgba.error());
  CHECK((*rgba)->at(0, 0) == 255);
  CHECK((*rgba)->at(3, 3) == 0);
}

TEST_CASE("grey images resample by area in both directions") {
  GrayImage g;
  g.width = 4;
  g.height = 2;
  g.coverage = {255, 255, 0, 0, 255, 255, 0, 0};
  const GrayImage half = resample(g, 2, 1);
  REQUIRE(half.width == 2);
  REQUIRE(half.height == 1);
  CHECK(half.at(0, 0) == 255);
  CHECK(half.at(1, 0) == 0);
  const GrayImage one = resample(g, 1, 1);
  CHECK(one.at(0, 0) == 128);
  const GrayImage big = resample(g, 8, 4);
  CHECK(big.width == 8);
  CHECK(big.height == 4);
  CHECK(big.at(3, 3) == 255);
  CHECK(big.at(4, 0) == 0);
}
