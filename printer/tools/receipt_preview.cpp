// motcua-receipt-preview: the sample ticket as PNG (and optionally as the
// printer's bytes), for previews and for regenerating golden images.
#include "printer/escpos.hpp"
#include "printer/png_writer.hpp"
#include "printer/pwg_raster.hpp"
#include "printer/sample_receipt.hpp"

#include <fstream>
#include <iostream>
#include <string>

using namespace motcua::printer;

namespace {

const char *const kUsage =
    "usage: motcua-receipt-preview --width 576|384 --out FILE.png [--assets DIR]\n"
    "                              [--escpos FILE] [--pwg FILE --dpi N]\n";

bool write_bytes(const std::string &path, const std::vector<std::uint8_t> &bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char *>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

} // namespace

int main(int argc, char **argv) {
  int width = kPaper80mmDots, dpi = 300;
  std::string out, escpos, pwg, assets = MOTCUA_ASSETS_DIR;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i], value = argv[i + 1];
    if (arg == "--width")
      width = std::atoi(value.c_str());
    else if (arg == "--out")
      out = value;
    else if (arg == "--assets")
      assets = value;
    else if (arg == "--escpos")
      escpos = value;
    else if (arg == "--pwg")
      pwg = value;
    else if (arg == "--dpi")
      dpi = std::atoi(value.c_str());
    else {
      std::cerr << "motcua-receipt-preview: unknown option " << arg << "\n" << kUsage;
      return 2;
    }
  }
  if (out.empty() || (width != kPaper80mmDots && width != kPaper58mmDots)) {
    std::cerr << kUsage;
    return 2;
  }
  auto fonts = load_receipt_fonts(assets);
  if (!fonts) {
    std::cerr << "motcua-receipt-preview: " << fonts.error() << "\n";
    return 1;
  }
  auto logo = load_default_logo(assets);
  if (!logo) {
    std::cerr << "motcua-receipt-preview: " << logo.error() << "\n";
    return 1;
  }
  const Bitmap image = render_receipt(sample_receipt_content(*logo), **fonts, width);
  if (auto ok = write_png(image, out); !ok) {
    std::cerr << "motcua-receipt-preview: " << ok.error() << "\n";
    return 1;
  }
  if ((!escpos.empty() && !write_bytes(escpos, encode_escpos(image))) ||
      (!pwg.empty() && !write_bytes(pwg, encode_pwg_raster(image, {dpi})))) {
    std::cerr << "motcua-receipt-preview: cannot write the printer file\n";
    return 1;
  }
  std::cout << out << ": " << image.width << "x" << image.height << "\n";
  return 0;
}
