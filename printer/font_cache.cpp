#include "printer/font_cache.hpp"

#include <SDL2/SDL_ttf.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <mutex>

namespace motcua::printer {
namespace {

// SDL2_ttf shares one FreeType library between all faces; FreeType wants face
// creation and destruction serialized, and TTF_Init must run exactly once.
std::mutex &freetype_mutex() {
  static std::mutex m;
  return m;
}

Result<bool> ensure_ttf_initialized() {
  static const std::string error = [] {
    // Counted in SDL2_ttf >= 2.0.18: our one reference keeps FreeType alive
    // even if another part of the program pairs its own Init and Quit.
    if (TTF_Init() != 0)
      return std::string("TTF_Init failed: ") + TTF_GetError();
    return std::string();
  }();
  if (!error.empty())
    return unexpected(error);
  return true;
}

Result<std::vector<unsigned char>> read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return unexpected("cannot open font file " + path);
  std::vector<unsigned char> data((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  if (data.empty())
    return unexpected("font file is empty: " + path);
  return data;
}

TTF_Font *open_face(const std::vector<unsigned char> &ttf, int pixel_size) {
  SDL_RWops *rw = SDL_RWFromConstMem(ttf.data(), static_cast<int>(ttf.size()));
  if (rw == nullptr)
    return nullptr;
  TTF_Font *face = TTF_OpenFontRW(rw, 1, pixel_size);
  if (face != nullptr)
    TTF_SetFontHinting(face, TTF_HINTING_NORMAL);
  return face;
}

} // namespace

const RenderCache::Entry *RenderCache::find(const std::string &key) {
  const auto it = index_.find(key);
  if (it == index_.end())
    return nullptr;
  items_.splice(items_.begin(), items_, it->second);
  return &it->second->second;
}

const RenderCache::Entry &RenderCache::put(std::string key, Entry entry) {
  if (const auto it = index_.find(key); it != index_.end()) {
    it->second->second = std::move(entry);
    items_.splice(items_.begin(), items_, it->second);
    return it->second->second;
  }
  if (index_.size() >= capacity_) {
    index_.erase(items_.back().first);
    items_.pop_back();
  }
  items_.emplace_front(std::move(key), std::move(entry));
  index_.emplace(items_.front().first, items_.begin());
  return items_.front().second;
}

ReceiptFonts::Impl::~Impl() {
  std::lock_guard lock(freetype_mutex());
  for (auto &[key, face] : faces)
    TTF_CloseFont(face);
}

TTF_Font *ReceiptFonts::Impl::font(FontWeight weight, int pixel_size) {
  pixel_size = std::clamp(pixel_size, 4, 1000);
  const auto key = std::make_pair(weight, pixel_size);
  if (auto it = faces.find(key); it != faces.end())
    return it->second;
  std::lock_guard lock(freetype_mutex());
  TTF_Font *face =
      open_face(weight == FontWeight::bold ? bold_ttf : regular_ttf, pixel_size);
  if (face != nullptr)
    faces.emplace(key, face);
  return face;
}

ReceiptFonts::ReceiptFonts(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ReceiptFonts::~ReceiptFonts() = default;

Result<std::shared_ptr<ReceiptFonts>> ReceiptFonts::load(const std::string &regular_ttf,
                                                         const std::string &bold_ttf) {
  if (auto ok = ensure_ttf_initialized(); !ok)
    return unexpected(ok.error());
  auto impl = std::make_unique<Impl>();
  auto regular = read_file(regular_ttf);
  if (!regular)
    return unexpected(regular.error());
  auto bold = read_file(bold_ttf);
  if (!bold)
    return unexpected(bold.error());
  impl->regular_ttf = std::move(regular.value());
  impl->bold_ttf = std::move(bold.value());
  // Open one face of each now so a broken file fails here, not mid-ticket.
  if (impl->font(FontWeight::regular, 24) == nullptr)
    return unexpected("not a usable TrueType font: " + regular_ttf + " (" +
                      TTF_GetError() + ")");
  if (impl->font(FontWeight::bold, 24) == nullptr)
    return unexpected("not a usable TrueType font: " + bold_ttf + " (" + TTF_GetError() +
                      ")");
  return std::shared_ptr<ReceiptFonts>(new ReceiptFonts(std::move(impl)));
}

} // namespace motcua::printer
