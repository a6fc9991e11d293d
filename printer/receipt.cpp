#include "printer/receipt.hpp"

#include "printer/font_cache.hpp"
#include "printer/qr_block.hpp"
#include "printer/text_raster.hpp"
#include "printer/word_wrap.hpp"

#include <algorithm>
#include <cmath>

namespace motcua::printer {
namespace {

// Blocks stacked top to bottom, each centered; composed at the end once the
// total height is known.
class Column {
public:
  explicit Column(int width) : width_(width) {}

  void space(int dots) { height_ += std::max(0, dots); }

  void centered(Bitmap block) {
    const int x = (width_ - block.width) / 2;
    parts_.push_back({std::move(block), x, height_});
    height_ += parts_.back().image.height;
  }

  void rule(int thickness, int inset) {
    Bitmap line = Bitmap::blank(width_ - 2 * inset, thickness);
    for (int y = 0; y < line.height; ++y)
      for (int x = 0; x < line.width; ++x)
        line.set(x, y, true);
    centered(std::move(line));
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
  int height_ = 0;
  std::vector<Part> parts_;
};

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

void add_wrapped(Column &column, TTF_Font *font, const std::string &text, int max_width) {
  if (font == nullptr || text.empty())
    return;
  const auto measure = [font](const std::string &s) { return text_width(font, s); };
  for (const auto &line : wrap_words(text, max_width, measure)) {
    GrayImage gray = render_line(font, line);
    if (gray.width > max_width) // a single glyph wider than the paper
      gray = resample_width(gray, max_width);
    column.centered(threshold(gray));
  }
}

Bitmap big_number(ReceiptFonts::Impl &fonts, const std::string &number, int max_width,
                  int cap_height) {
  int size = static_cast<int>(std::lround(cap_height / kCapHeightPerEm));
  TTF_Font *font = fonts.font(FontWeight::bold, size);
  if (font == nullptr)
    return {};
  const int natural = text_width(font, number);
  if (natural * kMinNumberSqueeze > max_width) {
    size = static_cast<int>(size * max_width / (natural * kMinNumberSqueeze));
    font = fonts.font(FontWeight::bold, size);
    if (font == nullptr)
      return {};
  }
  GrayImage gray = crop_to_ink(render_line(font, number), 1);
  if (gray.width > max_width)
    gray = resample_width(gray, max_width);
  return threshold(gray);
}

void add_qr(Column &column, const std::string &payload, int width) {
  auto modules = qr_modules(payload);
  if (!modules)
    return; // too long to encode: the ticket is still valid without it
  const int across = modules.value() + 2 * kQrQuietModules;
  const int module_px = std::clamp(static_cast<int>(width * 0.45) / across, 2, 12);
  if (auto qr = render_qr(payload, module_px))
    column.centered(std::move(qr.value()));
}

} // namespace

Bitmap render_receipt(const ReceiptContent &content, ReceiptFonts &fonts,
                      int width_dots) {
  const int width = std::max(64, width_dots);
  const Metrics m{width / static_cast<double>(kPaper80mmDots)};
  const int text_width_max = width - 2 * m.px(12);
  auto &f = fonts.impl();
  Column column(width);

  column.space(m.px(8));
  add_wrapped(column, f.font(FontWeight::bold, m.px(27)), content.station_name,
              text_width_max);
  column.space(m.px(6));
  add_wrapped(column, f.font(FontWeight::bold, m.px(36)), content.title, text_width_max);
  column.space(m.px(10));
  column.rule(std::max(2, m.px(3)), m.px(12));
  column.space(m.px(22));
  if (!content.number.empty())
    column.centered(big_number(f, content.number, width - 2 * m.px(28),
                               static_cast<int>(std::lround(width * 0.40))));
  column.space(m.px(22));
  add_wrapped(column, f.font(FontWeight::bold, m.px(38)), content.service_label,
              text_width_max);
  column.space(m.px(10));
  for (const auto &line : content.detail_lines)
    add_wrapped(column, f.font(FontWeight::regular, m.px(27)), line, text_width_max);
  column.space(m.px(6));
  add_wrapped(column, f.font(FontWeight::regular, m.px(27)), content.time_line,
              text_width_max);
  column.space(m.px(12));
  if (!content.footer.empty()) {
    column.rule(std::max(1, m.px(2)), m.px(60));
    column.space(m.px(8));
    add_wrapped(column, f.font(FontWeight::regular, m.px(26)), content.footer,
                text_width_max);
  }
  if (!content.qr_payload.empty()) {
    column.space(m.px(6));
    add_qr(column, content.qr_payload, width);
  }
  column.space(m.px(24));
  return column.compose();
}

} // namespace motcua::printer
