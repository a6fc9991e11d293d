#pragma once
// The sample ticket used by previews, golden images, test prints and
// benchmarks, so they all show the same thing.
#include "net/protocol/result.hpp"
#include "printer/receipt.hpp"

#include <memory>
#include <string>

namespace motcua::printer {

// `logo` null: the sample without a logo.
ReceiptContent sample_receipt_content(std::shared_ptr<const GrayImage> logo = nullptr);
// NotoSans-Regular.ttf and NotoSans-Bold.ttf from `assets_dir`/fonts.
Result<std::shared_ptr<ReceiptFonts>> load_receipt_fonts(const std::string &assets_dir);
// `assets_dir`/images/emblem.png, the default ticket logo.
Result<std::shared_ptr<const GrayImage>> load_default_logo(const std::string &assets_dir);

} // namespace motcua::printer
