#include "printer/png_writer.hpp"

#include "temp_dir.hpp"

#include <doctest/doctest.h>

using namespace motcua::printer;

TEST_CASE("a bitmap written as PNG reads back identical") {
  test::TempDir dir;
  Bitmap image = Bitmap::blank(37, 21);
  for (int i = 0; i < 21; ++i) {
    image.set(i, i, true);
    image.set(36 - i, i, true);
  }
  const auto path = (dir.path() / "x.png").string();
  auto written = write_png(image, path);
  REQUIRE_MESSAGE(written.has_value(), written.error());
  auto back = read_png_bitmap(path);
  REQUIRE_MESSAGE(back.has_value(), back.error());
  CHECK(back.value() == image);
}

TEST_CASE("ARGB pixels are written in colour and dark ones read back as black") {
  test::TempDir dir;
  // Opaque black, opaque white, opaque dark red, fully transparent black.
  const std::vector<std::uint32_t> pixels{0xFF000000, 0xFFFFFFFF, 0xFF400000, 0x00000000};
  const auto path = (dir.path() / "c.png").string();
  auto written = write_png_argb(2, 2, pixels, path);
  REQUIRE_MESSAGE(written.has_value(), written.error());
  auto back = read_png_bitmap(path);
  REQUIRE_MESSAGE(back.has_value(), back.error());
  CHECK(back->get(0, 0));
  CHECK_FALSE(back->get(1, 0));
  CHECK(back->get(0, 1));
  CHECK_FALSE(back->get(1, 1)); // transparent over white paper
}

TEST_CASE("PNG faults are reported, not thrown") {
  test::TempDir dir;
  CHECK_FALSE(
      write_png(Bitmap::blank(0, 0), (dir.path() / "e.png").string()).has_value());
  CHECK_FALSE(
      write_png_argb(2, 2, {0, 0, 0}, (dir.path() / "f.png").string()).has_value());
  CHECK_FALSE(write_png(Bitmap::blank(4, 4), (dir.path() / "missing" / "g.png").string())
                  .has_value());
  auto missing = read_png_bitmap((dir.path() / "nope.png").string());
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().find("nope.png") != std::string::npos);
}
