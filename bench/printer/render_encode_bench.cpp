// Render + encode time per ticket (target: ≤ 5 ms). Fonts and the logo are
// loaded once, as in the kiosk; the blocks (logo scaling, every text line, the
// number, the QR code) are laid out and rendered each time.
#include "printer/escpos.hpp"
#include "printer/pwg_raster.hpp"
#include "printer/sample_receipt.hpp"

#include <benchmark/benchmark.h>

#include <cstdlib>

using namespace motcua::printer;

namespace {

ReceiptFonts &fonts() {
  static auto loaded = load_receipt_fonts(MOTCUA_ASSETS_DIR);
  if (!loaded)
    std::abort();
  return **loaded;
}

std::shared_ptr<const GrayImage> logo() {
  static auto loaded = load_default_logo(MOTCUA_ASSETS_DIR);
  if (!loaded)
    std::abort();
  return *loaded;
}

// Ticket numbers change every time, so no layer can cache the big number.
ReceiptContent ticket(int i) {
  ReceiptContent c = sample_receipt_content(logo());
  c.number = "A" + std::to_string(100 + i % 900);
  return c;
}

void render(benchmark::State &state) {
  const int width = static_cast<int>(state.range(0));
  int i = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(render_receipt(ticket(i++), fonts(), width));
}
BENCHMARK(render)
    ->Arg(kPaper80mmDots)
    ->Arg(kPaper58mmDots)
    ->Unit(benchmark::kMillisecond);

void render_and_escpos(benchmark::State &state) {
  const int width = static_cast<int>(state.range(0));
  int i = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(encode_escpos(render_receipt(ticket(i++), fonts(), width)));
}
BENCHMARK(render_and_escpos)
    ->Arg(kPaper80mmDots)
    ->Arg(kPaper58mmDots)
    ->Unit(benchmark::kMillisecond);

void escpos_only(benchmark::State &state) {
  const Bitmap image = render_receipt(ticket(0), fonts(), kPaper80mmDots);
  for (auto _ : state)
    benchmark::DoNotOptimize(encode_escpos(image));
}
BENCHMARK(escpos_only)->Unit(benchmark::kMicrosecond);

void pwg_only(benchmark::State &state) {
  const Bitmap image = render_receipt(ticket(0), fonts(), kPaper80mmDots);
  const int dpi = static_cast<int>(state.range(0));
  for (auto _ : state)
    benchmark::DoNotOptimize(encode_pwg_raster(image, {dpi}));
}
BENCHMARK(pwg_only)->Arg(300)->Arg(600)->Unit(benchmark::kMillisecond);

} // namespace
