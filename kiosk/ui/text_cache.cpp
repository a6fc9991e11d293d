#include "kiosk/ui/text_cache.hpp"

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <malloc.h>

namespace motcua::kiosk::ui {

namespace {

constexpr std::size_t kMaxFonts = 48;

Result<std::vector<unsigned char>> read_font(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return unexpected("cannot open font file " + path);
  std::vector<unsigned char> data((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  if (data.empty())
    return unexpected("font file is empty: " + path);
  return data;
}

TTF_Font *open_face(const std::vector<unsigned char> &ttf, int size) {
  SDL_RWops *rw = SDL_RWFromConstMem(ttf.data(), static_cast<int>(ttf.size()));
  return rw ? TTF_OpenFontRW(rw, 1, size) : nullptr;
}

std::uint32_t pack(Rgb c) {
  return (std::uint32_t{c.r} << 16) | (std::uint32_t{c.g} << 8) | c.b;
}

} // namespace

Result<std::unique_ptr<TextCache>> TextCache::open(SDL_Renderer *renderer,
                                                   const std::string &regular_ttf,
                                                   const std::string &bold_ttf) {
  auto regular = read_font(regular_ttf);
  if (!regular)
    return unexpected(regular.error());
  auto bold = read_font(bold_ttf);
  if (!bold)
    return unexpected(bold.error());
  std::unique_ptr<TextCache> cache(
      new TextCache(renderer, std::move(regular.value()), std::move(bold.value())));
  for (auto weight : {Weight::regular, Weight::bold})
    if (!cache->font(32, weight))
      return unexpected(std::string("cannot use font: ") + TTF_GetError());
  return cache;
}

TextCache::TextCache(SDL_Renderer *renderer, std::vector<unsigned char> regular,
                     std::vector<unsigned char> bold)
    : renderer_(renderer), regular_ttf_(std::move(regular)), bold_ttf_(std::move(bold)) {}

TextCache::~TextCache() {
  clear_textures();
  for (auto &[key, font] : fonts_)
    TTF_CloseFont(font);
}

void TextCache::trim() {
  if (textures_.size() >= kMaxEntries || bytes_ >= kMaxBytes)
    clear_textures();
}

void TextCache::clear_textures() {
  for (auto &[key, image] : textures_)
    SDL_DestroyTexture(image.texture);
  textures_.clear();
  bytes_ = 0;
  // The freed pixels are many mid-sized blocks: hand them back to the
  // system, or the resident size of a months-long run only ever grows.
  malloc_trim(0);
}

TTF_Font *TextCache::font(int size, Weight weight) {
  size = std::clamp(size, 6, 1000);
  const auto key = std::make_pair(size, weight);
  if (auto it = fonts_.find(key); it != fonts_.end())
    return it->second;
  if (fonts_.size() >= kMaxFonts) {
    for (auto &[k, f] : fonts_)
      TTF_CloseFont(f);
    fonts_.clear();
  }
  TTF_Font *face = open_face(weight == Weight::bold ? bold_ttf_ : regular_ttf_, size);
  if (face)
    fonts_.emplace(key, face);
  return face;
}

const TextImage *TextCache::get(const std::string &text, const TextStyle &style) {
  if (text.empty())
    return nullptr;
  Key key{text, style.size, style.weight, pack(style.color), style.wrap_width};
  if (auto it = textures_.find(key); it != textures_.end())
    return &it->second;
  TTF_Font *face = font(style.size, style.weight);
  if (!face)
    return nullptr;

  const SDL_Color color{style.color.r, style.color.g, style.color.b, 255};
  SDL_Surface *surface = nullptr;
  if (style.wrap_width > 0) {
    TTF_SetFontWrappedAlign(face, TTF_WRAPPED_ALIGN_CENTER);
    surface = TTF_RenderUTF8_Blended_Wrapped(face, text.c_str(), color,
                                             static_cast<Uint32>(style.wrap_width));
  } else {
    surface = TTF_RenderUTF8_Blended(face, text.c_str(), color);
  }
  if (!surface)
    return nullptr;
  SDL_Texture *texture = SDL_CreateTextureFromSurface(renderer_, surface);
  TextImage image{texture, surface->w, surface->h};
  bytes_ +=
      static_cast<std::size_t>(surface->w) * static_cast<std::size_t>(surface->h) * 4;
  SDL_FreeSurface(surface);
  if (!texture)
    return nullptr;
  return &textures_.emplace(std::move(key), image).first->second;
}

std::pair<int, int> TextCache::measure(const std::string &text, int size, Weight weight) {
  MeasureKey key{text, size, weight};
  if (auto it = measures_.find(key); it != measures_.end())
    return it->second;
  int w = 0, h = 0;
  TTF_Font *face = font(size, weight);
  if (face == nullptr || TTF_SizeUTF8(face, text.c_str(), &w, &h) != 0)
    return {0, 0}; // not remembered: a later call may succeed
  if (measures_.size() >= kMaxMeasures)
    measures_.clear();
  measures_.emplace(std::move(key), std::make_pair(w, h));
  return {w, h};
}

int TextCache::fit_size(const std::string &text, Weight weight, int max_size,
                        int max_width, int min_size) {
  int size = max_size;
  // Text width grows about linearly with the size: one estimate, then a few
  // small steps make up for hinting and rounding.
  auto [w, h] = measure(text, size, weight);
  if (w > max_width && w > 0)
    size = std::max(min_size, size * max_width / w);
  while (size > min_size && measure(text, size, weight).first > max_width)
    size = std::max(min_size, size - std::max(1, size / 20));
  return size;
}

} // namespace motcua::kiosk::ui
