#include "printer/escpos.hpp"
#include "printer/png_writer.hpp"
#include "printer/receipt.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace motcua::printer;

namespace {

std::shared_ptr<ReceiptFonts> fonts() {
  static auto loaded = ReceiptFonts::load(MOTCUA_ASSETS_DIR "/fonts/NotoSans-Regular.ttf",
                                          MOTCUA_ASSETS_DIR "/fonts/NotoSans-Bold.ttf");
  REQUIRE_MESSAGE(loaded.has_value(), loaded.error());
  return loaded.value();
}

ReceiptContent sample() {
  ReceiptContent c;
  c.station_name = "CÔNG AN PHƯỜNG VĨNH NGUYÊN";
  c.title = "PHIẾU SỐ THỨ TỰ";
  c.number = "A015";
  c.service_label = "Cư trú";
  c.detail_lines = {"Số người đang chờ trước bạn: 4",
                    "Thời gian chờ dự kiến: khoảng 12 phút", "Ưu tiên: Người cao tuổi"};
  c.time_line = "08:15 28/11/2026";
  c.footer = "Vui lòng chờ gọi số. Xin cảm ơn!";
  c.qr_payload = "https://motcua.example/t/2026-11-28/A015";
  return c;
}

// The same content spelled without marks, letter for letter.
ReceiptContent ascii_sample() {
  ReceiptContent c = sample();
  c.station_name = "CONG AN PHUONG VINH NGUYEN";
  c.title = "PHIEU SO THU TU";
  c.service_label = "Cu tru";
  c.detail_lines = {"So nguoi dang cho truoc ban: 4",
                    "Thoi gian cho du kien: khoang 12 phut", "Uu tien: Nguoi cao tuoi"};
  c.footer = "Vui long cho goi so. Xin cam on!";
  return c;
}

int black_in_columns(const Bitmap &b, int x0, int x1) {
  int n = 0;
  for (int y = 0; y < b.height; ++y)
    for (int x = x0; x < x1; ++x)
      n += b.get(x, y);
  return n;
}

int black_dots(const Bitmap &b) { return black_in_columns(b, 0, b.width); }

// Rows that hold any ink, so layout tests can count text lines.
int inked_rows(const Bitmap &b) {
  int rows = 0;
  for (int y = 0; y < b.height; ++y)
    for (int x = 0; x < b.width; ++x)
      if (b.get(x, y)) {
        ++rows;
        break;
      }
  return rows;
}

} // namespace

TEST_CASE("missing font files are reported by load") {
  auto r = ReceiptFonts::load("/nonexistent/Regular.ttf",
                              MOTCUA_ASSETS_DIR "/fonts/NotoSans-Bold.ttf");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().find("/nonexistent/Regular.ttf") != std::string::npos);
  auto not_a_font = ReceiptFonts::load(MOTCUA_ASSETS_DIR "/fonts/OFL.txt",
                                       MOTCUA_ASSETS_DIR "/fonts/NotoSans-Bold.ttf");
  CHECK_FALSE(not_a_font.has_value());
}

TEST_CASE("rendering is deterministic and fills the paper width") {
  auto f = fonts();
  for (int width : {kPaper80mmDots, kPaper58mmDots}) {
    CAPTURE(width);
    const Bitmap first = render_receipt(sample(), *f, width);
    const Bitmap second = render_receipt(sample(), *f, width);
    CHECK(first.width == width);
    CHECK(first.height > width); // a ticket is taller than wide
    CHECK(black_dots(first) > 0);
    CHECK(first == second);
    // Nothing is drawn into the outermost margin.
    CHECK(black_in_columns(first, 0, 4) == 0);
    CHECK(black_in_columns(first, width - 4, width) == 0);
  }
}

TEST_CASE("the sample tickets are written as PNG previews for people to look at") {
  auto f = fonts();
  const auto out = std::filesystem::path(MOTCUA_BINARY_DIR) / "test-output";
  std::filesystem::create_directories(out);
  for (int width : {kPaper80mmDots, kPaper58mmDots}) {
    const Bitmap ticket = render_receipt(sample(), *f, width);
    const auto path = (out / ("receipt-" + std::to_string(width) + ".png")).string();
    auto written = write_png(ticket, path);
    REQUIRE_MESSAGE(written.has_value(), written.error());
    auto back = read_png_bitmap(path);
    REQUIRE(back.has_value());
    CHECK(back.value() == ticket);
    // What a raw queue would receive decodes to the same ticket.
    auto doc = decode_escpos(encode_escpos(ticket));
    REQUIRE(doc.has_value());
    CHECK(doc->image == ticket);
  }
  ReceiptContent crowded = sample();
  crowded.number = "H1234";
  crowded.service_label =
      "Đăng ký thường trú, tạm trú, lưu trú và xác nhận thông tin về cư trú";
  crowded.station_name = "CÔNG AN XÃ QUẢNG NGỌC, HUYỆN QUẢNG XƯƠNG, TỈNH THANH HOÁ";
  const auto path = (out / "receipt-384-long-texts.png").string();
  CHECK(write_png(render_receipt(crowded, *f, kPaper58mmDots), path).has_value());
}

TEST_CASE("diacritics reach the paper") {
  auto f = fonts();
  const Bitmap marked = render_receipt(sample(), *f);
  const Bitmap plain = render_receipt(ascii_sample(), *f);
  CHECK(marked != plain);
  // Tone marks and hooks add ink; they must not be dropped or replaced by boxes
  // of similar weight, so expect clearly more ink (not an exact count).
  CHECK(black_dots(marked) > black_dots(plain) + 500);
}

TEST_CASE("the number is printed very large") {
  auto f = fonts();
  ReceiptContent only_number;
  only_number.number = "A015";
  const Bitmap ticket = render_receipt(only_number, *f, kPaper80mmDots);
  // Only the number is inked: its height is the count of inked rows.
  CHECK(inked_rows(ticket) >= kPaper80mmDots * 35 / 100);
  CHECK(inked_rows(ticket) <= kPaper80mmDots * 45 / 100);
  // A long number is narrowed or shrunk to fit, never clipped at the edges.
  only_number.number = "A1234567";
  const Bitmap wide = render_receipt(only_number, *f, kPaper58mmDots);
  CHECK(wide.width == kPaper58mmDots);
  CHECK(black_in_columns(wide, 0, 4) == 0);
  CHECK(black_in_columns(wide, wide.width - 4, wide.width) == 0);
}

TEST_CASE("a long service label wraps onto more lines and stays within the width") {
  auto f = fonts();
  ReceiptContent short_label, long_label;
  short_label.service_label = "Cư trú";
  long_label.service_label =
      "Đăng ký thường trú, tạm trú, lưu trú và xác nhận thông tin về cư trú cho công dân";
  for (int width : {kPaper80mmDots, kPaper58mmDots}) {
    CAPTURE(width);
    const Bitmap a = render_receipt(short_label, *f, width);
    const Bitmap b = render_receipt(long_label, *f, width);
    CHECK(b.width == width);
    // At least two more lines of the label's ~38-dot (at 576) type.
    CHECK(b.height >= a.height + 2 * 38 * width / kPaper80mmDots);
    CHECK(black_in_columns(b, 0, 4) == 0);
    CHECK(black_in_columns(b, width - 4, width) == 0);
  }
  // A single word wider than the paper is broken rather than cut off.
  ReceiptContent one_word;
  one_word.service_label = "XÁCNHẬNTHÔNGTINCƯTRÚCHOCÔNGDÂNVIỆTNAM";
  const Bitmap c = render_receipt(one_word, *f, kPaper58mmDots);
  const Bitmap one_line = render_receipt(short_label, *f, kPaper58mmDots);
  CHECK(black_in_columns(c, 0, 4) == 0);
  CHECK(black_in_columns(c, c.width - 4, c.width) == 0);
  CHECK(c.height >= one_line.height + 38 * kPaper58mmDots / kPaper80mmDots);
}

TEST_CASE("a QR payload adds a code below the text") {
  auto f = fonts();
  ReceiptContent with = sample(), without = sample();
  without.qr_payload.clear();
  const Bitmap a = render_receipt(with, *f);
  const Bitmap b = render_receipt(without, *f);
  CHECK(a.height > b.height + 100);
  CHECK(black_dots(a) > black_dots(b) + 1000);
}
