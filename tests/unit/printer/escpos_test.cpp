#include "printer/escpos.hpp"
#include "printer/receipt.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace motcua::printer;

namespace {

// A deterministic pattern that exercises every bit position.
Bitmap pattern(int width, int height) {
  Bitmap b = Bitmap::blank(width, height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      b.set(x, y, (x * 7 + y * 13 + x * y) % 5 < 2);
  return b;
}

std::string decode_error(const std::vector<std::uint8_t> &bytes) {
  auto r = decode_escpos(bytes);
  REQUIRE_FALSE(r.has_value());
  return r.error();
}

} // namespace

TEST_CASE("the encoding is init, GS v 0 bands, feed, partial cut") {
  const Bitmap image = pattern(16, 3);
  const auto bytes = encode_escpos(image, {.band_rows = 2, .feed_lines = 5, .cut = true});
  const std::vector<std::uint8_t> head{0x1B, 0x40, 0x1D, 0x76, 0x30, 0x00, 2, 0, 2, 0};
  REQUIRE(bytes.size() == 2 + (8 + 4) + (8 + 2) + 3 + 4);
  CHECK(std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + 10) == head);
  CHECK(std::vector<std::uint8_t>(bytes.begin() + 14, bytes.begin() + 22) ==
        std::vector<std::uint8_t>{0x1D, 0x76, 0x30, 0x00, 2, 0, 1, 0});
  CHECK(std::vector<std::uint8_t>(bytes.end() - 7, bytes.end()) ==
        std::vector<std::uint8_t>{0x1B, 0x64, 5, 0x1D, 0x56, 66, 0});
}

TEST_CASE("receipt widths round-trip exactly through several bands") {
  for (int width : {kPaper58mmDots, kPaper80mmDots, 8, 512}) {
    CAPTURE(width);
    const Bitmap image = pattern(width, 301);
    const auto bytes = encode_escpos(image, {.band_rows = 128});
    auto doc = decode_escpos(bytes);
    REQUIRE_MESSAGE(doc.has_value(), doc.error());
    CHECK(doc->image == image);
    CHECK(doc->initialized);
    CHECK(doc->cut);
    CHECK(doc->feed_lines == 4);
  }
}

TEST_CASE("an odd width comes back padded to whole bytes with white dots") {
  const Bitmap image = pattern(203, 50);
  auto doc = decode_escpos(
      encode_escpos(image, {.band_rows = 7, .feed_lines = 0, .cut = false}));
  REQUIRE_MESSAGE(doc.has_value(), doc.error());
  CHECK(doc->image.width == 208);
  CHECK(doc->image.height == 50);
  CHECK_FALSE(doc->cut);
  CHECK(doc->feed_lines == 0);
  bool same = true;
  for (int y = 0; y < 50; ++y)
    for (int x = 0; x < 208; ++x)
      same = same && doc->image.get(x, y) == (x < 203 && image.get(x, y));
  CHECK(same);
}

TEST_CASE("long feeds are split into ESC d commands of at most 255 lines") {
  auto doc = decode_escpos(encode_escpos(pattern(8, 1), {.feed_lines = 300}));
  REQUIRE(doc.has_value());
  CHECK(doc->feed_lines == 300);
}

TEST_CASE("bad input is rejected with the offset of the fault") {
  const auto good = encode_escpos(pattern(16, 4), {.band_rows = 2});
  CHECK(decode_error({}).find("offset 0") != std::string::npos);

  auto unknown = good;
  unknown.insert(unknown.begin() + 2, 0x07);
  CHECK(decode_error(unknown).find("offset 2: unknown byte 0x07") != std::string::npos);

  auto truncated = good;
  truncated.resize(2 + 8 + 3); // first band's data cut short
  CHECK(decode_error(truncated).find("offset 10: raster data needs 4 bytes, only 3") !=
        std::string::npos);

  auto header_cut = good;
  header_cut.resize(2 + 5);
  CHECK(decode_error(header_cut).find("offset 2: GS v 0 header") != std::string::npos);

  auto scaled = good;
  scaled[5] = 3; // double width and height
  CHECK(decode_error(scaled).find("offset 5:") != std::string::npos);

  auto narrower = good;
  narrower[2 + 12 + 4] = 1; // second band one byte wide
  CHECK(decode_error(narrower).find("offset 18: band is 1 bytes wide, earlier bands 2") !=
        std::string::npos);

  auto bad_cut = good;
  bad_cut[bad_cut.size() - 2] = 9;
  CHECK(decode_error(bad_cut).find("offset " + std::to_string(good.size() - 2) +
                                   ": unknown cut mode 9") != std::string::npos);
}
