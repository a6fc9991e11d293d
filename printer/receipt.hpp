#pragma once
// The ticket as blocks of text, laid out top to bottom into a 1-bit bitmap.
// Strings arrive already localized: this library knows no language.
#include "net/protocol/result.hpp"
#include "printer/bitmap.hpp"

#include <memory>
#include <string>
#include <vector>

namespace motcua::printer {

struct ReceiptContent {
  std::string station_name;              // "CÔNG AN PHƯỜNG VĨNH NGUYÊN"
  std::string title;                     // "PHIẾU SỐ THỨ TỰ"
  std::string number;                    // "A015", printed very large
  std::string service_label;             // "Cư trú"
  std::vector<std::string> detail_lines; // people ahead, estimated wait, priority
  std::string time_line;                 // "08:15 28/11/2026"
  std::string footer;                    // "Vui lòng chờ gọi số"
  std::string qr_payload;                // empty: no QR code
};

constexpr int kPaper80mmDots = 576;
constexpr int kPaper58mmDots = 384;

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

Bitmap render_receipt(const ReceiptContent &content, ReceiptFonts &fonts,
                      int width_dots = kPaper80mmDots);

} // namespace motcua::printer
