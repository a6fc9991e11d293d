#pragma once
// Text as SDL textures, rendered once per (string, size, weight, colour,
// wrap width) and reused; over budget, the least recently drawn go first, so
// a kiosk running for months holds a bounded amount of memory while the
// labels every screen shares stay rendered.
#include "kiosk/ui/theme.hpp"
#include "net/protocol/result.hpp"

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

struct SDL_Renderer;
struct SDL_Texture;
typedef struct _TTF_Font TTF_Font;

namespace motcua::kiosk::ui {

enum class Weight { regular, bold };

struct TextStyle {
  int size = 32; // pixels
  Weight weight = Weight::regular;
  Rgb color = theme::text;
  int wrap_width = 0; // 0: one line; else wrap at this width, lines centred
};

struct TextImage {
  SDL_Texture *texture = nullptr;
  int w = 0;
  int h = 0;
};

class TextCache {
public:
  // Fails if either font file cannot be read or opened.
  static Result<std::unique_ptr<TextCache>> open(SDL_Renderer *renderer,
                                                 const std::string &regular_ttf,
                                                 const std::string &bold_ttf);
  ~TextCache();
  TextCache(const TextCache &) = delete;
  TextCache &operator=(const TextCache &) = delete;

  // Evicts the least recently used images while over budget and starts a new
  // frame. Call between frames only: images handed out by get() stay valid
  // until then.
  void trim();

  // nullptr for an empty string or if SDL2_ttf fails (the screen then lacks
  // that text rather than the kiosk stopping).
  const TextImage *get(const std::string &text, const TextStyle &style);

  // Size of one line of text, without rendering it.
  std::pair<int, int> measure(const std::string &text, int size, Weight weight);
  // The largest size in [min_size, max_size] at which the text fits on one line.
  int fit_size(const std::string &text, Weight weight, int max_size, int max_width,
               int min_size);

  std::size_t entries() const { return textures_.size(); }
  std::size_t bytes() const { return bytes_; } // texture pixels held
  static constexpr std::size_t kMaxEntries = 256;
  // Large text (the ticket number, wrapped messages) weighs megabytes: the
  // budget is in bytes as well as entries.
  // A frame's own text (a screen with the big number is ~3 MB at 1080x1920)
  // always fits; a thousand distinct ticket numbers do not pile up.
  static constexpr std::size_t kMaxBytes = 10u << 20;

private:
  TextCache(SDL_Renderer *renderer, std::vector<unsigned char> regular,
            std::vector<unsigned char> bold);
  TTF_Font *font(int size, Weight weight);
  void clear_textures();
  void evict_oldest();

  using Key = std::tuple<std::string, int, Weight, std::uint32_t, int>;
  SDL_Renderer *renderer_;
  std::vector<unsigned char> regular_ttf_;
  std::vector<unsigned char> bold_ttf_;
  std::map<std::pair<int, Weight>, TTF_Font *> fonts_;
  struct Entry {
    TextImage image;
    std::size_t bytes = 0;
    std::uint64_t used = 0; // the frame that last drew it
  };
  std::map<Key, Entry> textures_;
  std::uint64_t frame_ = 0;
  // Shaping a line to measure it costs as much as drawing a screen's worth of
  // rectangles, and every frame fits the same labels again: remember sizes.
  using MeasureKey = std::tuple<std::string, int, Weight>;
  std::map<MeasureKey, std::pair<int, int>> measures_;
  static constexpr std::size_t kMaxMeasures = 4096;
  std::size_t bytes_ = 0;
};

} // namespace motcua::kiosk::ui
