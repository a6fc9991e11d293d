#include "printer/qr_block.hpp"

#include <qrencode.h>

#include <algorithm>
#include <memory>

namespace motcua::printer {
namespace {

struct QrFree {
  void operator()(QRcode *code) const { QRcode_free(code); }
};
using QrPtr = std::unique_ptr<QRcode, QrFree>;

Result<QrPtr> encode(const std::string &payload) {
  if (payload.empty())
    return unexpected(std::string("QR payload is empty"));
  QrPtr code(QRcode_encodeString8bit(payload.c_str(), 0, QR_ECLEVEL_M));
  if (!code)
    return unexpected("QR payload of " + std::to_string(payload.size()) +
                      " bytes cannot be encoded");
  return code;
}

} // namespace

Result<int> qr_modules(const std::string &payload) {
  auto code = encode(payload);
  if (!code)
    return unexpected(code.error());
  return code.value()->width;
}

Result<Bitmap> render_qr(const std::string &payload, int module_px) {
  auto encoded = encode(payload);
  if (!encoded)
    return unexpected(encoded.error());
  const QRcode &code = *encoded.value();
  module_px = std::max(1, module_px);
  const int side = (code.width + 2 * kQrQuietModules) * module_px;
  Bitmap out = Bitmap::blank(side, side);
  for (int my = 0; my < code.width; ++my)
    for (int mx = 0; mx < code.width; ++mx) {
      if ((code.data[my * code.width + mx] & 1) == 0)
        continue;
      const int x0 = (mx + kQrQuietModules) * module_px;
      const int y0 = (my + kQrQuietModules) * module_px;
      for (int y = 0; y < module_px; ++y)
        for (int x = 0; x < module_px; ++x)
          out.set(x0 + x, y0 + y, true);
    }
  return out;
}

} // namespace motcua::printer
