#pragma once
// Greedy word wrapping against any width measure (pixels of a font, or a
// fake measure in tests). Pure: no font library here.
#include <functional>
#include <string>
#include <vector>

namespace motcua::printer {

using MeasureText = std::function<int(const std::string &)>;

// Splits on spaces; a word wider than max_width is broken between code
// points (never before a combining mark). Always returns at least one line.
std::vector<std::string> wrap_words(const std::string &text, int max_width,
                                    const MeasureText &measure);

} // namespace motcua::printer
