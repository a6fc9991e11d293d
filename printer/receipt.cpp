#include "printer/receipt.hpp"

#include "printer/png_writer.hpp"

namespace motcua::printer {

Result<std::shared_ptr<const GrayImage>> load_receipt_logo(const std::string &png_path) {
  auto image = read_png_coverage(png_path);
  if (!image)
    return unexpected(image.error());
  if (image->width == 0 || image->height == 0)
    return unexpected("logo image is empty: " + png_path);
  return std::make_shared<const GrayImage>(std::move(image.value()));
}

ReceiptLayout receipt_layout(const ReceiptContent &c) {
  using W = FontWeight;
  ReceiptLayout l;
  auto &b = l.blocks;
  const auto text = [&b](const std::string &s, int size, W weight) {
    if (!s.empty())
      b.push_back(TextBlock{s, size, weight, Align::center});
  };
  b.push_back(SpaceBlock{8});
  if (c.logo) {
    b.push_back(ImageBlock{c.logo, 120, Align::center});
    b.push_back(SpaceBlock{10});
  }
  text(c.station_name, 27, W::bold);
  b.push_back(SpaceBlock{6});
  text(c.title, 36, W::bold);
  b.push_back(SpaceBlock{10});
  b.push_back(RuleBlock{3, 12});
  b.push_back(SpaceBlock{22});
  if (!c.number.empty())
    b.push_back(NumberBlock{c.number});
  b.push_back(SpaceBlock{22});
  text(c.service_label, 38, W::bold);
  b.push_back(SpaceBlock{10});
  for (const auto &line : c.detail_lines)
    text(line, 27, W::regular);
  b.push_back(SpaceBlock{6});
  text(c.time_line, 27, W::regular);
  b.push_back(SpaceBlock{12});
  if (!c.footer.empty()) {
    b.push_back(RuleBlock{2, 60});
    b.push_back(SpaceBlock{8});
    text(c.footer, 26, W::regular);
  }
  if (!c.qr_payload.empty()) {
    b.push_back(SpaceBlock{6});
    b.push_back(QrBlock{c.qr_payload});
  }
  b.push_back(SpaceBlock{24});
  return l;
}

Bitmap render_receipt(const ReceiptContent &content, ReceiptFonts &fonts,
                      int width_dots) {
  return render_blocks(receipt_layout(content), fonts, width_dots);
}

} // namespace motcua::printer
