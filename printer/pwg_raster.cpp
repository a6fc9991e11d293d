#include "printer/pwg_raster.hpp"

#include <cups/raster.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace motcua::printer {
namespace {

struct RasterClose {
  void operator()(cups_raster_t *r) const { cupsRasterClose(r); }
};
using RasterPtr = std::unique_ptr<cups_raster_t, RasterClose>;

struct MemoryIo {
  std::vector<std::uint8_t> *out = nullptr;
  const std::vector<std::uint8_t> *in = nullptr;
  std::size_t offset = 0;
};

ssize_t write_to_memory(void *ctx, unsigned char *buffer, size_t length) {
  auto *io = static_cast<MemoryIo *>(ctx);
  io->out->insert(io->out->end(), buffer, buffer + length);
  return static_cast<ssize_t>(length);
}

ssize_t read_from_memory(void *ctx, unsigned char *buffer, size_t length) {
  auto *io = static_cast<MemoryIo *>(ctx);
  const std::size_t n = std::min(length, io->in->size() - io->offset);
  std::memcpy(buffer, io->in->data() + io->offset, n);
  io->offset += n;
  return static_cast<ssize_t>(n);
}

} // namespace

Bitmap rescale(const Bitmap &image, int from_dpi, int to_dpi) {
  if (from_dpi == to_dpi || from_dpi <= 0 || to_dpi <= 0)
    return image;
  const auto scaled = [&](int n) {
    return static_cast<int>((static_cast<long long>(n) * to_dpi + from_dpi / 2) /
                            from_dpi);
  };
  // Sampling at pixel centres makes scaling up and back down lossless.
  const auto source = [&](int n, int limit) {
    return std::min(limit - 1,
                    static_cast<int>((2LL * n + 1) * from_dpi / (2LL * to_dpi)));
  };
  Bitmap out = Bitmap::blank(scaled(image.width), scaled(image.height));
  for (int y = 0; y < out.height; ++y) {
    const int sy = source(y, image.height);
    for (int x = 0; x < out.width; ++x)
      if (image.get(source(x, image.width), sy))
        out.set(x, y, true);
  }
  return out;
}

std::vector<std::uint8_t> encode_pwg_raster(const Bitmap &receipt,
                                            const PwgRasterOptions &options) {
  const int dpi = std::max(72, options.dpi);
  const Bitmap page = rescale(receipt, kReceiptDpi, dpi);
  std::vector<std::uint8_t> out;
  MemoryIo io{&out};
  RasterPtr raster(cupsRasterOpenIO(write_to_memory, &io, CUPS_RASTER_WRITE_PWG));
  // The page is exactly the ticket: a custom size in hundredths of mm.
  const int width_2540 = static_cast<int>(page.width * 2540LL / dpi);
  const int length_2540 = static_cast<int>(std::max(1, page.height) * 2540LL / dpi);
  cups_page_header2_t header;
  cupsRasterInitPWGHeader(&header, pwgMediaForSize(width_2540, length_2540), "sgray_8",
                          dpi, dpi, "one-sided", nullptr);
  // InitPWGHeader derives the size from the rounded media; keep our dots.
  header.cupsWidth = static_cast<unsigned>(page.width);
  header.cupsHeight = static_cast<unsigned>(page.height);
  header.cupsBytesPerLine = header.cupsWidth;
  header.cupsInteger[CUPS_RASTER_PWG_TotalPageCount] = 1;
  cupsRasterWriteHeader2(raster.get(), &header);
  std::vector<unsigned char> line(header.cupsBytesPerLine);
  for (int y = 0; y < page.height; ++y) {
    for (int x = 0; x < page.width; ++x)
      line[static_cast<std::size_t>(x)] = page.get(x, y) ? 0 : 255; // sgray: 0 = black
    cupsRasterWritePixels(raster.get(), line.data(), header.cupsBytesPerLine);
  }
  raster.reset(); // flushes
  return out;
}

Result<std::vector<PwgPage>> decode_pwg_raster(const std::vector<std::uint8_t> &bytes) {
  MemoryIo io{nullptr, &bytes};
  RasterPtr raster(cupsRasterOpenIO(read_from_memory, &io, CUPS_RASTER_READ));
  if (!raster)
    return unexpected(std::string("not a CUPS/PWG raster stream"));
  std::vector<PwgPage> pages;
  cups_page_header2_t header;
  while (cupsRasterReadHeader2(raster.get(), &header)) {
    const unsigned bpp = header.cupsBitsPerPixel;
    if (header.cupsColorOrder != CUPS_ORDER_CHUNKED || (bpp != 1 && bpp != 8))
      return unexpected("page " + std::to_string(pages.size() + 1) +
                        ": only black_1 and " + "sgray_8 are read, got " +
                        std::to_string(bpp) + " bits per pixel");
    PwgPage page;
    page.dpi = static_cast<int>(header.HWResolution[0]);
    page.bits_per_pixel = static_cast<int>(bpp);
    page.image = Bitmap::blank(static_cast<int>(header.cupsWidth),
                               static_cast<int>(header.cupsHeight));
    std::vector<unsigned char> line(header.cupsBytesPerLine);
    for (unsigned y = 0; y < header.cupsHeight; ++y) {
      if (cupsRasterReadPixels(raster.get(), line.data(), header.cupsBytesPerLine) !=
          header.cupsBytesPerLine)
        return unexpected("page " + std::to_string(pages.size() + 1) + " ends at line " +
                          std::to_string(y) + " of " + std::to_string(header.cupsHeight));
      for (unsigned x = 0; x < header.cupsWidth; ++x) {
        // black_1 (CUPS_CSPACE_K) sets bits for ink; sgray_8 is 0 for black.
        const bool black = bpp == 1 ? (line[x / 8] >> (7 - x % 8)) & 1 : line[x] < 128;
        if (black)
          page.image.set(static_cast<int>(x), static_cast<int>(y), true);
      }
    }
    pages.push_back(std::move(page));
  }
  if (pages.empty())
    return unexpected(std::string("PWG raster stream holds no page"));
  return pages;
}

} // namespace motcua::printer
