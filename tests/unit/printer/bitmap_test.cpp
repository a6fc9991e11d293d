#include "printer/bitmap.hpp"

#include <doctest/doctest.h>

using motcua::printer::Bitmap;

TEST_CASE("a blank bitmap is white, rows padded to whole bytes") {
  const Bitmap b = Bitmap::blank(13, 3);
  CHECK(b.bytes_per_row() == 2);
  CHECK(b.bits.size() == 6);
  for (int y = 0; y < 3; ++y)
    for (int x = 0; x < 13; ++x)
      CHECK_FALSE(b.get(x, y));
}

TEST_CASE("set packs the leftmost dot into the most significant bit") {
  Bitmap b = Bitmap::blank(16, 2);
  b.set(0, 0, true);
  b.set(9, 1, true);
  CHECK(b.bits[0] == 0x80);
  CHECK(b.bits[3] == 0x40);
  CHECK(b.get(0, 0));
  CHECK(b.get(9, 1));
  CHECK_FALSE(b.get(1, 0));
  b.set(0, 0, false);
  CHECK(b.bits[0] == 0x00);
}

TEST_CASE("dots outside the bitmap read white and writes there are dropped") {
  Bitmap b = Bitmap::blank(10, 2);
  b.set(-1, 0, true);
  b.set(10, 0, true); // would land in the padding bits of row 0
  b.set(0, 2, true);
  CHECK(b == Bitmap::blank(10, 2));
  CHECK_FALSE(b.get(-1, 0));
  CHECK_FALSE(b.get(0, 5));
}

TEST_CASE("blit copies black dots at an offset, clips, and never erases") {
  Bitmap stamp = Bitmap::blank(3, 3);
  stamp.set(0, 0, true);
  stamp.set(2, 2, true);
  Bitmap canvas = Bitmap::blank(5, 5);
  canvas.set(4, 4, true);
  canvas.blit(stamp, 2, 2);
  CHECK(canvas.get(2, 2));
  CHECK(canvas.get(4, 4)); // from the stamp and from before
  CHECK_FALSE(canvas.get(3, 3));

  Bitmap clipped = Bitmap::blank(4, 4);
  clipped.blit(stamp, -2, -2); // only stamp (2,2) lands, at (0,0)
  CHECK(clipped.get(0, 0));
  int black = 0;
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 4; ++x)
      black += clipped.get(x, y);
  CHECK(black == 1);
  clipped.blit(stamp, 3, 3); // (0,0) lands at (3,3), the rest falls off
  CHECK(clipped.get(3, 3));
}
