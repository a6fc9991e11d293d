#include "kiosk/ui/text_cache.hpp"

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <malloc.h>

namespace motcua::kiosk::ui {

namespace {

constexpr std::size_t kMaxFonts = 24;

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

// The columns of a blended (32-bit, alpha) surface that hold any ink, as a new
// surface; the given one is freed. Centred lines stay centred.
SDL_Surface *crop_to_ink(SDL_Surface *surface) {
  const Uint32 amask = surface->format->Amask;
  if (surface->format->BytesPerPixel != 4 || amask == 0)
    return surface;
  int left = surface->w, right = -1;
  for (int y = 0; y < surface->h; ++y) {
    const auto *row = reinterpret_cast<const Uint32 *>(
        static_cast<const Uint8 *>(surface->pixels) + y * surface->pitch);
    for (int x = 0; x < left; ++x)
      if (row[x] & amask) {
        left = x;
        break;
      }
    for (int x = surface->w - 1; x > right; --x)
      if (row[x] & amask) {
        right = x;
        break;
      }
  }
  if (right < left || (left == 0 && right == surface->w - 1))
    return surface;
  SDL_Surface *cropped = SDL_CreateRGBSurfaceWithFormat(0, right - left + 1, surface->h,
                                                        32, surface->format->format);
  if (!cropped)
    return surface;
  SDL_Rect from{left, 0, right - left + 1, surface->h};
  SDL_SetSurfaceBlendMode(surface, SDL_BLENDMODE_NONE);
  SDL_BlitSurface(surface, &from, cropped, nullptr);
  SDL_FreeSurface(surface);
  return cropped;
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
  ++frame_;
  if (textures_.size() <= kMaxEntries && bytes_ <= kMaxBytes)
    return;
  // Down to three quarters, so a kiosk on the edge of the budget does not
  // evict and re-render on every frame.
  while (!textures_.empty() &&
         (textures_.size() > kMaxEntries * 3 / 4 || bytes_ > kMaxBytes * 3 / 4))
    evict_oldest();
  // The freed pixels are many mid-sized blocks: hand them back to the
  // system, or the resident size of a months-long run only ever grows.
  malloc_trim(0);
}

void TextCache::evict_oldest() {
  auto oldest = std::min_element(
      textures_.begin(), textures_.end(),
      [](const auto &a, const auto &b) { return a.second.used < b.second.used; });
  SDL_DestroyTexture(oldest->second.image.texture);
  bytes_ -= oldest->second.bytes;
  textures_.erase(oldest);
}

void TextCache::clear_textures() {
  for (auto &[key, entry] : textures_)
    SDL_DestroyTexture(entry.image.texture);
  textures_.clear();
  bytes_ = 0;
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
  if (auto it = textures_.find(key); it != textures_.end()) {
    it->second.used = frame_;
    return &it->second.image;
  }
  TTF_Font *face = font(style.size, style.weight);
  if (!face)
    return nullptr;

  const SDL_Color color{style.color.r, style.color.g, style.color.b, 255};
  SDL_Surface *surface = nullptr;
  // A wrapped surface is as wide as the wrap width, whatever its lines: a
  // short line fitting on its own is drawn as one line, and a wrapped block
  // is cropped to its ink, so the cache holds text, not blank pixels.
  const bool one_line = style.wrap_width > 0 && text.find('\n') == std::string::npos &&
                        measure(text, style.size, style.weight).first <= style.wrap_width;
  if (style.wrap_width > 0 && !one_line) {
    TTF_SetFontWrappedAlign(face, TTF_WRAPPED_ALIGN_CENTER);
    surface = TTF_RenderUTF8_Blended_Wrapped(face, text.c_str(), color,
                                             static_cast<Uint32>(style.wrap_width));
  } else {
    surface = TTF_RenderUTF8_Blended(face, text.c_str(), color);
  }
  if (!surface)
    return nullptr;
  if (style.wrap_width > 0 && !one_line)
    surface = crop_to_ink(surface);
  if (!surface)
    return nullptr;
  SDL_Texture *texture = SDL_CreateTextureFromSurface(renderer_, surface);
  Entry entry{{texture, surface->w, surface->h},
              static_cast<std::size_t>(surface->w) *
                  static_cast<std::size_t>(surface->h) * 4,
              frame_};
  SDL_FreeSurface(surface);
  if (!texture)
    return nullptr;
  bytes_ += entry.bytes;
  return &textures_.emplace(std::move(key), entry).first->second.image;
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
