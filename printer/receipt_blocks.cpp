#include "printer/receipt_blocks.hpp"

#include "printer/font_cache.hpp"
#include "printer/qr_block.hpp"
#include "printer/text_raster.hpp"
#include "printer/word_wrap.hpp"

#include <algorithm>
#include <cmath>

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
    TTF_Font *font = fonts_.font(b.weight, m_.px(b.size));
    if (font == nullptr || b.text.empty())
      return;
    const int max_width = column_.inner_width();
    const auto measure = [font](const std::string &s) { return text_width(font, s); };
    for (const auto &line : wrap_words(b.text, max_width, measure)) {
      GrayImage gray = render_line(font, line);
      if (gray.width > max_width) // a single glyph wider than the paper
        gray = resample_width(gray, max_width);
      column_.place(threshold(gray), b.align);
    }
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
    column_.place(threshold(resample(*b.image, width, height)), b.align);
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
