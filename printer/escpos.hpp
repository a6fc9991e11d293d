#pragma once
// ESC/POS for raw receipt printers: init, raster image (GS v 0) in bands,
// feed, partial cut. The decoder reads our own output back, for tests and
// for the listener that plays the printer.
#include "net/protocol/result.hpp"
#include "printer/bitmap.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace motcua::printer {

struct EscPosOptions {
  int band_rows = 128;  // rows per GS v 0 block; small for cheap printer buffers
  int feed_lines = 4;   // ESC d n before the cut
  bool cut = true;      // GS V 66 0: feed and partial cut
};

std::vector<std::uint8_t> encode_escpos(const Bitmap &image,
                                        const EscPosOptions &options = {});

struct EscPosDocument {
  Bitmap image;      // bands stacked top to bottom
  bool initialized = false;
  bool cut = false;
  int feed_lines = 0;
};

// Fails with a message naming the byte offset on anything it does not know.
Result<EscPosDocument> decode_escpos(const std::vector<std::uint8_t> &bytes);

} // namespace motcua::printer
