#pragma once
// A QR code (libqrencode) as dots, with its quiet zone.
#include "net/protocol/result.hpp"
#include "printer/bitmap.hpp"

#include <string>

namespace motcua::printer {

constexpr int kQrQuietModules = 4;

// Error correction M, byte mode; each module module_px dots square. The
// result includes the quiet zone, so it can be placed as is.
Result<Bitmap> render_qr(const std::string &payload, int module_px);
// Modules across (without quiet zone) that render_qr will produce.
Result<int> qr_modules(const std::string &payload);

} // namespace motcua::printer
