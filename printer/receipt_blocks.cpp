#include "printer/receipt_blocks.hpp"

#include "printer/font_cache.hpp"
#include "printer/qr_block.hpp"
#include "printer/text_raster.hpp"
#include "printer/word_wrap.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

namespace motcua::printer {
namespace {

// Sizes are designed for 80 mm paper (576 dots) and scaled for narrower rolls.
struct Metrics {
  double scale;
  int px(double dots_at_576) const {
    return std::max(1, static_cast<int>(std::lround(dots_at_576 * scale)));
  }
};

// Noto Sans capitals and digits stand 0.714 em tall.
constexpr double kCapHeightPerEm = 0.714;
// The number may be narrowed to this fraction of its natural width before
// its size is reduced instead; beyond that it stops looking like type.
constexpr double kMinNumberSqueeze = 0.62;

// Parts stacked top to bottom, composed at the end once the height is known.
class Column {
public:
  Column(int width, int margin) : width_(width), margin_(margin) {}

  int width() const { return width_; }
  int inner_width() const { return width_ - 2 * margin_; }

  void space(int dots) { height_ += std::max(0, dots); }

  void place(Bitmap part, Align align) {
    int x = (width_ - part.width) / 2;
    if (align == Align::left)
      x = margin_;
    else if (align == Align::right)
      x = width_ - margin_ - part.width;
    parts_.push_back({std::move(part), x, height_});
    height_ += parts_.back().image.height;
  }

  Bitmap compose() const {
    Bitmap out = Bitmap::blank(width_, height_);
    for (const auto &p : parts_)
      out.blit(p.image, p.x, p.y);
    return out;
  }

private:
  struct Part {
    Bitmap image;
    int x = 0;
    int y = 0;
  };
  int width_;
  int margin_;
  int height_ = 0;
  std::vector<Part> parts_;
};

class BlockRenderer {
public:
  BlockRenderer(Column &column, ReceiptFonts::Impl &fonts, Metrics m)
      : column_(column), fonts_(fonts), m_(m) {}

  void operator()(const TextBlock &b) {
    if (b.text.empty())
      return;
    const int size = m_.px(b.size);
    const int max_width = column_.inner_width();
    // Everything that decides the dots, so a hit is what rendering would give.
    const std::string key = std::string(b.weight == FontWeight::bold ? "b" : "r") +
                            std::to_string(size) + "/" + std::to_string(max_width) + "/" +
                            b.text;
    auto lines = cached(key);
    if (!lines) {
      TTF_Font *font = fonts_.font(b.weight, size);
      if (font == nullptr)
        return;
      const auto measure = [font](const std::string &s) { return text_width(font, s); };
      lines.emplace();
      for (const auto &line : wrap_words(b.text, max_width, measure)) {
        GrayImage gray = render_line(font, line);
        if (gray.width > max_width) // a single glyph wider than the paper
          gray = resample_width(gray, max_width);
        lines->push_back(threshold(gray));
      }
      store(key, {*lines, nullptr});
    }
    for (auto &line : *lines)
      column_.place(std::move(line), b.align);
  }

  void operator()(const NumberBlock &b) {
    if (b.number.empty())
      return;
    const int max_width = column_.width() - 2 * m_.px(b.side_margin);
    const int cap_height =
        static_cast<int>(std::lround(column_.width() * b.height_share));
    int size = static_cast<int>(std::lround(cap_height / kCapHeightPerEm));
    TTF_Font *font = fonts_.font(FontWeight::bold, size);
    if (font == nullptr)
      return;
    const int natural = text_width(font, b.number);
    if (natural * kMinNumberSqueeze > max_width) {
      size = static_cast<int>(size * max_width / (natural * kMinNumberSqueeze));
      font = fonts_.font(FontWeight::bold, size);
      if (font == nullptr)
        return;
    }
    GrayImage gray = crop_to_ink(render_line(font, b.number), 1);
    if (gray.width > max_width)
      gray = resample_width(gray, max_width);
    column_.place(threshold(gray), Align::center);
  }

  void operator()(const QrBlock &b) {
    if (b.payload.empty())
      return;
    auto modules = qr_modules(b.payload);
    if (!modules)
      return; // too long to encode: the ticket is still valid without it
    const int across = modules.value() + 2 * kQrQuietModules;
    const int module_px =
        std::clamp(static_cast<int>(column_.width() * b.width_share) / across, 2, 12);
    if (auto qr = render_qr(b.payload, module_px))
      column_.place(std::move(qr.value()), Align::center);
  }

  void operator()(const ImageBlock &b) {
    if (!b.image || b.image->width <= 0 || b.image->height <= 0)
      return;
    const int width = std::min(m_.px(b.width), column_.inner_width());
    const int height =
        std::max(1, static_cast<int>(std::lround(static_cast<double>(width) *
                                                 b.image->height / b.image->width)));
    // Keyed by address: the entry holds the image, so the address stays its own.
    const std::string key =
        "image/" + std::to_string(reinterpret_cast<std::uintptr_t>(b.image.get())) + "/" +
        std::to_string(width) + "x" + std::to_string(height);
    auto dots = cached(key);
    if (!dots) {
      dots.emplace(1, threshold(resample(*b.image, width, height)));
      store(key, {*dots, b.image});
    }
    column_.place(std::move(dots->front()), b.align);
  }

  void operator()(const RuleBlock &b) {
    Bitmap line = Bitmap::blank(column_.width() - 2 * m_.px(b.inset), m_.px(b.thickness));
    for (int y = 0; y < line.height; ++y)
      for (int x = 0; x < line.width; ++x)
        line.set(x, y, true);
    column_.place(std::move(line), Align::center);
  }

  void operator()(const SpaceBlock &b) {
    if (b.dots > 0)
      column_.space(m_.px(b.dots));
  }

private:
  // Copies out under the lock: the column keeps its own parts anyway, and
  // another thread's render may evict the entry right after.
  std::optional<std::vector<Bitmap>> cached(const std::string &key) {
    std::lock_guard lock(fonts_.rendered_mutex);
    if (const RenderCache::Entry *entry = fonts_.rendered.find(key))
      return entry->parts;
    return std::nullopt;
  }
  void store(std::string key, RenderCache::Entry entry) {
    std::lock_guard lock(fonts_.rendered_mutex);
    fonts_.rendered.put(std::move(key), std::move(entry));
  }

  Column &column_;
  ReceiptFonts::Impl &fonts_;
  Metrics m_;
};

} // namespace

Bitmap render_blocks(const ReceiptLayout &layout, ReceiptFonts &fonts, int width_dots) {
  const int width = std::max(64, width_dots);
  const Metrics m{width / static_cast<double>(kPaper80mmDots)};
  Column column(width, m.px(layout.margin));
  BlockRenderer render(column, fonts.impl(), m);
  for (const auto &block : layout.blocks)
    std::visit(render, block);
  return column.compose();
}

} // namespace motcua::printer
