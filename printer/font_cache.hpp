#pragma once
// ReceiptFonts' insides: the two TTF files held in memory and one SDL2_ttf
// face per (weight, pixel size), opened on first use.
#include "printer/receipt.hpp"

#include <map>
#include <utility>
#include <vector>

typedef struct _TTF_Font TTF_Font;

namespace motcua::printer {

struct ReceiptFonts::Impl {
  std::vector<unsigned char> regular_ttf;
  std::vector<unsigned char> bold_ttf;
  std::map<std::pair<FontWeight, int>, TTF_Font *> faces;

  Impl() = default;
  Impl(const Impl &) = delete;
  Impl &operator=(const Impl &) = delete;
  ~Impl();

  // nullptr only if the face cannot be opened at all (checked by load()).
  TTF_Font *font(FontWeight weight, int pixel_size);
};

} // namespace motcua::printer
