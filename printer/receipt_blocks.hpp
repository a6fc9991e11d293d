#pragma once
// A receipt as a list of blocks stacked top to bottom: text, the big ticket
// number, a QR code, an image, rules and spacing. Sizes are given in dots for
// 80 mm paper (576 dots) and scaled for narrower rolls, so one list serves
// every printer. Rendering needs the fonts (and images) loaded at start-up and
// does no I/O.
#include "printer/bitmap.hpp"
#include "printer/gray_image.hpp"

#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace motcua::printer {

class ReceiptFonts;

constexpr int kPaper80mmDots = 576;
constexpr int kPaper58mmDots = 384;

enum class FontWeight { regular, bold };
enum class Align { left, center, right };

// Wrapped at spaces to the width inside the margins; a word wider than the
// paper is broken between letters.
struct TextBlock {
  std::string text;
  int size = 27; // font pixel size at 576 dots
  FontWeight weight = FontWeight::regular;
  Align align = Align::center;
};

// The ticket number, bold and very large: its capitals `height_share` of the
// paper width tall, narrowed (then shrunk) to fit between the side margins.
struct NumberBlock {
  std::string number;
  double height_share = 0.40;
  int side_margin = 28; // at 576 dots
};

// Level M, byte mode, with its quiet zone, about `width_share` of the paper
// wide in whole dots per module. A payload too long to encode is left out:
// the ticket is still valid without it.
struct QrBlock {
  std::string payload;
  double width_share = 0.45;
};

// A picture (a logo) as ink coverage, scaled to `width` dots at 576 with its
// aspect ratio kept, then thresholded.
struct ImageBlock {
  std::shared_ptr<const GrayImage> image;
  int width = 120; // at 576 dots
  Align align = Align::center;
};

// A solid horizontal line, `inset` dots short of each edge.
struct RuleBlock {
  int thickness = 2; // at 576 dots, never under 1 dot
  int inset = 12;
};

struct SpaceBlock {
  int dots = 0; // at 576 dots
};

using ReceiptBlock =
    std::variant<TextBlock, NumberBlock, QrBlock, ImageBlock, RuleBlock, SpaceBlock>;

struct ReceiptLayout {
  std::vector<ReceiptBlock> blocks;
  int margin = 12; // left and right, at 576 dots: text never goes nearer the edge
};

// Exactly `width_dots` wide (at least 64), as tall as the blocks need.
// Deterministic: the same layout, fonts and width give the same dots.
Bitmap render_blocks(const ReceiptLayout &layout, ReceiptFonts &fonts, int width_dots);

} // namespace motcua::printer
