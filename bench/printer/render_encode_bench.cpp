// Render + encode time per ticket (target: ≤ 5 ms). Fonts and the logo are
// loaded once, as in the kiosk; the blocks are laid out and rendered each
// time, through the fonts' render cache as in the kiosk (lines and the logo
// seen before are reused; the number and the QR code are always new).
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

// What changes from one real ticket to the next: the number (and so the QR
// code) every time, people ahead and the wait often, the time each minute.
// The fonts' render cache keeps the lines that repeat; these do not all.
ReceiptContent ticket(int i) {
  ReceiptContent c = sample_receipt_content(logo());
  c.number = "A" + std::to_string(100 + i % 900);
  c.qr_payload = "http://192.168.1.10:8080/t/2026-11-28/" + c.number;
  c.detail_lines[1] = "Số người đang chờ trước bạn: " + std::to_string(i % 23);
  c.detail_lines[2] =
      "Thời gian chờ dự kiến: khoảng " + std::to_string(i % 29 * 3) + " phút";
  c.time_line = "08:" + std::to_string(10 + i / 3 % 50) + " 28/11/2026";
  return c;
}

// The worst case: every line is new to the render cache (the first ticket
// after start-up, or a ticket whose every text changed).
ReceiptContent unseen_ticket(int i) {
  ReceiptContent c = ticket(i);
  const std::string tag = " " + std::to_string(i);
  for (std::string *s :
       {&c.station_name, &c.title, &c.service_label, &c.time_line, &c.footer})
    *s += tag;
  for (auto &line : c.detail_lines)
    line += tag;
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

void render_and_escpos_unseen_lines(benchmark::State &state) {
  const int width = static_cast<int>(state.range(0));
  int i = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(
        encode_escpos(render_receipt(unseen_ticket(i++), fonts(), width)));
}
BENCHMARK(render_and_escpos_unseen_lines)
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
