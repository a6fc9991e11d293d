#pragma once
// PWG raster (libcups raster API) for IPP Everywhere / driverless printers:
// the 203 dpi receipt scaled to the printer's resolution, one sgray_8 page
// as long as the ticket. The reader decodes any PWG raster back, for tests.
#include "net/protocol/result.hpp"
#include "printer/bitmap.hpp"

#include <cstdint>
#include <vector>

namespace motcua::printer {

constexpr int kReceiptDpi = 203;

struct PwgRasterOptions {
  int dpi = 300; // the printer's resolution; dots are scaled nearest-neighbour
};

std::vector<std::uint8_t> encode_pwg_raster(const Bitmap &receipt,
                                            const PwgRasterOptions &options = {});

struct PwgPage {
  Bitmap image; // dark pixels (gray < 128, or black_1 dots) are black
  int dpi = 0;
  int bits_per_pixel = 0;
};

// Every page, in order; fails on anything that is not PWG raster.
Result<std::vector<PwgPage>> decode_pwg_raster(const std::vector<std::uint8_t> &bytes);

// Nearest-neighbour scale from one resolution to another.
Bitmap rescale(const Bitmap &image, int from_dpi, int to_dpi);

} // namespace motcua::printer
