#include "printer/sample_receipt.hpp"

namespace motcua::printer {

ReceiptContent sample_receipt_content(std::shared_ptr<const GrayImage> logo) {
  ReceiptContent c;
  c.logo = std::move(logo);
  c.station_name = "CÔNG AN PHƯỜNG VĨNH NGUYÊN";
  c.title = "PHIẾU SỐ THỨ TỰ";
  c.number = "A015";
  c.service_label = "Cư trú";
  c.detail_lines = {"Ưu tiên: Người cao tuổi", "Số người đang chờ trước bạn: 4",
                    "Thời gian chờ dự kiến: khoảng 12 phút"};
  c.time_line = "08:15 28/11/2026";
  c.footer = "Vui lòng chờ gọi số. Xin cảm ơn!";
  c.qr_payload = "http://192.168.1.10:8080/t/2026-11-28/A015";
  return c;
}

Result<std::shared_ptr<ReceiptFonts>> load_receipt_fonts(const std::string &assets_dir) {
  return ReceiptFonts::load(assets_dir + "/fonts/NotoSans-Regular.ttf",
                            assets_dir + "/fonts/NotoSans-Bold.ttf");
}

Result<std::shared_ptr<const GrayImage>>
load_default_logo(const std::string &assets_dir) {
  return load_receipt_logo(assets_dir + "/images/emblem.png");
}

} // namespace motcua::printer
