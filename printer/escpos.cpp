#include "printer/escpos.hpp"

#include <algorithm>
#include <cstdio>

namespace motcua::printer {
namespace {

constexpr std::uint8_t ESC = 0x1B, GS = 0x1D;

void put16(std::vector<std::uint8_t> &out, int value) {
  out.push_back(static_cast<std::uint8_t>(value & 0xFF));
  out.push_back(static_cast<std::uint8_t>((value >> 8) & 0xFF));
}

std::string at(std::size_t offset, const std::string &what) {
  return "ESC/POS offset " + std::to_string(offset) + ": " + what;
}

std::string hex(std::uint8_t b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", b);
  return buf;
}

} // namespace

std::vector<std::uint8_t> encode_escpos(const Bitmap &image,
                                        const EscPosOptions &options) {
  std::vector<std::uint8_t> out{ESC, '@'};
  const int row_bytes = image.bytes_per_row();
  // GS v 0 counts rows and row bytes in 16 bits.
  const int band = std::clamp(options.band_rows, 1, 0xFFFF);
  out.reserve(image.bits.size() + 16 + 8 * (image.height / band + 1));
  for (int y = 0; y < image.height; y += band) {
    const int rows = std::min(band, image.height - y);
    out.insert(out.end(), {GS, 'v', '0', 0});
    put16(out, row_bytes);
    put16(out, rows);
    const auto first = image.bits.begin() + static_cast<std::ptrdiff_t>(y) * row_bytes;
    out.insert(out.end(), first, first + static_cast<std::ptrdiff_t>(rows) * row_bytes);
  }
  // ESC d takes at most 255 lines per command.
  for (int left = std::max(0, options.feed_lines); left > 0; left -= 255)
    out.insert(out.end(), {ESC, 'd', static_cast<std::uint8_t>(std::min(left, 255))});
  if (options.cut)
    out.insert(out.end(), {GS, 'V', 66, 0});
  return out;
}

Result<EscPosDocument> decode_escpos(const std::vector<std::uint8_t> &bytes) {
  if (bytes.empty())
    return unexpected(at(0, "no data"));
  EscPosDocument doc;
  int row_bytes = -1;
  std::size_t i = 0;
  const auto need = [&](std::size_t count) { return bytes.size() - i >= count; };
  while (i < bytes.size()) {
    const std::size_t start = i;
    const std::uint8_t b = bytes[i];
    if (b == ESC && need(2) && bytes[i + 1] == '@') {
      doc.initialized = true;
      i += 2;
    } else if (b == ESC && need(2) && bytes[i + 1] == 'd') {
      if (!need(3))
        return unexpected(at(start, "ESC d without its line count"));
      doc.feed_lines += bytes[i + 2];
      i += 3;
    } else if (b == GS && need(2) && bytes[i + 1] == 'V') {
      if (!need(3))
        return unexpected(at(start, "GS V without its mode"));
      const std::uint8_t mode = bytes[i + 2];
      if (mode == 0 || mode == 1 || mode == 48 || mode == 49) {
        i += 3;
      } else if (mode == 65 || mode == 66) {
        if (!need(4))
          return unexpected(at(start, "GS V " + std::to_string(mode) + " without n"));
        i += 4;
      } else {
        return unexpected(at(start + 2, "unknown cut mode " + std::to_string(mode)));
      }
      doc.cut = true;
    } else if (b == GS && need(3) && bytes[i + 1] == 'v' && bytes[i + 2] == '0') {
      if (!need(8))
        return unexpected(at(start, "GS v 0 header cut short"));
      if (bytes[i + 3] != 0 && bytes[i + 3] != '0')
        return unexpected(at(start + 3, "GS v 0 scaling mode " +
                                            std::to_string(bytes[i + 3]) +
                                            " is not supported (only 0)"));
      const int x_bytes = bytes[i + 4] | (bytes[i + 5] << 8);
      const int rows = bytes[i + 6] | (bytes[i + 7] << 8);
      if (x_bytes == 0 || rows == 0)
        return unexpected(at(start + 4, "GS v 0 band of " + std::to_string(x_bytes) +
                                            " bytes x " + std::to_string(rows) +
                                            " rows"));
      if (row_bytes >= 0 && x_bytes != row_bytes)
        return unexpected(at(start + 4, "band is " + std::to_string(x_bytes) +
                                            " bytes wide, earlier bands " +
                                            std::to_string(row_bytes)));
      i += 8;
      const std::size_t size = static_cast<std::size_t>(x_bytes) * rows;
      if (!need(size))
        return unexpected(at(i, "raster data needs " + std::to_string(size) +
                                    " bytes, only " + std::to_string(bytes.size() - i) +
                                    " remain"));
      row_bytes = x_bytes;
      doc.image.width = x_bytes * 8;
      doc.image.height += rows;
      doc.image.bits.insert(doc.image.bits.end(), bytes.begin() + static_cast<long>(i),
                            bytes.begin() + static_cast<long>(i + size));
      i += size;
    } else {
      return unexpected(at(start, "unknown byte " + hex(b)));
    }
  }
  return doc;
}

} // namespace motcua::printer
