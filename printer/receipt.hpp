#pragma once
// The ticket: what it says (ReceiptContent), the blocks that say it
// (receipt_layout), and those blocks as a 1-bit bitmap (render_receipt).
// Strings arrive already localized: this library knows no language.
#include "net/protocol/result.hpp"
#include "printer/bitmap.hpp"
#include "printer/gray_image.hpp"
#include "printer/receipt_blocks.hpp"

#include <memory>
#include <string>
#include <vector>

namespace motcua::printer {

struct ReceiptContent {
  std::shared_ptr<const GrayImage> logo; // null: no logo (load_receipt_logo)
  std::string station_name;              // "CÔNG AN PHƯỜNG VĨNH NGUYÊN"
  std::string title;                     // "PHIẾU SỐ THỨ TỰ"
  std::string number;                    // "A015", printed very large
  std::string service_label;             // "Cư trú"
  std::vector<std::string> detail_lines; // priority group, people ahead, estimated wait
  std::string time_line;                 // "08:15 28/11/2026"
  std::string footer;                    // "Vui lòng chờ gọi số"
  std::string qr_payload;                // empty: no QR code
};

// TrueType faces opened once (SDL2_ttf); rendering is deterministic.
class ReceiptFonts {
public:
  static Result<std::shared_ptr<ReceiptFonts>> load(const std::string &regular_ttf,
                                                    const std::string &bold_ttf);
  ~ReceiptFonts();
  struct Impl;
  Impl &impl() { return *impl_; }

private:
  explicit ReceiptFonts(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A logo PNG (any colour type; dark prints, transparent is paper), read once
// at start-up. Fails on a missing or unreadable file.
Result<std::shared_ptr<const GrayImage>> load_receipt_logo(const std::string &png_path);

// The standard ticket: logo, station name, title, rule, number, service,
// details, time, rule and footer, QR code; empty fields are left out. Pure.
ReceiptLayout receipt_layout(const ReceiptContent &content);

// render_blocks(receipt_layout(content), fonts, width_dots).
Bitmap render_receipt(const ReceiptContent &content, ReceiptFonts &fonts,
                      int width_dots = kPaper80mmDots);

} // namespace motcua::printer
