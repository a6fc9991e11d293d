#pragma once
// One line of text through SDL2_ttf into ink coverage (gray_image.hpp turns
// coverage into dots, after any narrowing of the big number).
#include "printer/gray_image.hpp"

#include <string>

typedef struct _TTF_Font TTF_Font;

namespace motcua::printer {

int text_width(TTF_Font *font, const std::string &text);
// One line at the font's full line height; empty text gives a blank line.
GrayImage render_line(TTF_Font *font, const std::string &text);

} // namespace motcua::printer
