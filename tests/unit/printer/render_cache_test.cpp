// The render cache: lines and the logo come back as rendering would give
// them, from a warm cache as from a cold one, and memory stays bounded.
#include "printer/font_cache.hpp"
#include "printer/receipt.hpp"
#include "printer/sample_receipt.hpp"

#include <doctest/doctest.h>

using namespace motcua::printer;

namespace {

std::shared_ptr<ReceiptFonts> fresh_fonts() {
  auto loaded = load_receipt_fonts(MOTCUA_ASSETS_DIR);
  REQUIRE_MESSAGE(loaded.has_value(), loaded.error());
  return loaded.value();
}

std::shared_ptr<const GrayImage> logo() {
  auto loaded = load_default_logo(MOTCUA_ASSETS_DIR);
  REQUIRE_MESSAGE(loaded.has_value(), loaded.error());
  return loaded.value();
}

RenderCache::Entry entry_of(int width) {
  return RenderCache::Entry{{Bitmap::blank(width, 1)}, nullptr};
}

} // namespace

TEST_CASE("a ticket rendered from a warm cache equals one from cold fonts") {
  const auto image = logo();
  for (int width : {kPaper80mmDots, kPaper58mmDots}) {
    CAPTURE(width);
    auto warm = fresh_fonts();
    // Warm the cache with other tickets that share most lines, and this one.
    ReceiptContent other = sample_receipt_content(image);
    other.number = "B200";
    render_receipt(other, *warm, width);
    render_receipt(sample_receipt_content(image), *warm, width);
    CHECK(warm->impl().rendered.size() > 0);

    const Bitmap from_warm = render_receipt(sample_receipt_content(image), *warm, width);
    auto cold = fresh_fonts();
    const Bitmap from_cold = render_receipt(sample_receipt_content(image), *cold, width);
    CHECK(from_warm == from_cold);
  }
}

TEST_CASE("the same text at both paper widths is kept apart") {
  auto f = fresh_fonts();
  const auto content = sample_receipt_content();
  const Bitmap wide_first = render_receipt(content, *f, kPaper80mmDots);
  const Bitmap narrow = render_receipt(content, *f, kPaper58mmDots);
  const Bitmap wide_again = render_receipt(content, *f, kPaper80mmDots);
  CHECK(narrow.width == kPaper58mmDots);
  CHECK(wide_again == wide_first);
  auto cold = fresh_fonts();
  CHECK(render_receipt(content, *cold, kPaper58mmDots) == narrow);
}

TEST_CASE("the render cache drops the least recently used entry when full") {
  RenderCache cache(2);
  cache.put("a", entry_of(1));
  cache.put("b", entry_of(2));
  REQUIRE(cache.find("a") != nullptr); // "a" is now the most recent
  cache.put("c", entry_of(3));
  CHECK(cache.size() == 2);
  CHECK(cache.find("b") == nullptr);
  REQUIRE(cache.find("a") != nullptr);
  CHECK(cache.find("a")->parts.front().width == 1);
  REQUIRE(cache.find("c") != nullptr);
  CHECK(cache.find("c")->parts.front().width == 3);
}

TEST_CASE("putting a key again replaces its entry without growing the cache") {
  RenderCache cache(4);
  cache.put("a", entry_of(1));
  cache.put("a", entry_of(5));
  CHECK(cache.size() == 1);
  REQUIRE(cache.find("a") != nullptr);
  CHECK(cache.find("a")->parts.front().width == 5);
}

TEST_CASE("many different lines never grow the fonts' cache past its capacity") {
  auto f = fresh_fonts();
  ReceiptContent c = sample_receipt_content();
  const std::size_t capacity = f->impl().rendered.capacity();
  for (std::size_t i = 0; i < capacity / 4 + 10; ++i) {
    c.detail_lines = {"Số người đang chờ: " + std::to_string(i),
                      "Dự kiến: " + std::to_string(i) + " phút",
                      "Quầy " + std::to_string(i), "Ghi chú " + std::to_string(i)};
    render_receipt(c, *f, kPaper58mmDots);
  }
  CHECK(f->impl().rendered.size() == capacity);
}

TEST_CASE("a cached logo keeps its image alive") {
  auto f = fresh_fonts();
  std::weak_ptr<const GrayImage> watched;
  {
    auto image = logo();
    watched = image;
    render_receipt(sample_receipt_content(image), *f, kPaper58mmDots);
  }
  // Held by the cache, so its address cannot be taken by another image.
  CHECK_FALSE(watched.expired());
}
