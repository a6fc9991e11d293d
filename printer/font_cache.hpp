#pragma once
// ReceiptFonts' insides: the two TTF files held in memory, one SDL2_ttf face
// per (weight, pixel size), opened on first use, and the rendered pieces of
// earlier tickets.
#include "printer/receipt.hpp"

#include <cstddef>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

typedef struct _TTF_Font TTF_Font;

namespace motcua::printer {

// Most of a ticket repeats on every ticket (station name, title, service,
// footer, the logo); shaping and hinting those lines again was a third of the
// render time. This keeps finished dots by what made them, least recently
// used first out, so memory stays bounded whatever the texts.
class RenderCache {
public:
  struct Entry {
    std::vector<Bitmap> parts;
    // Keeps whatever the key points at alive (a logo keyed by address), so the
    // address cannot be reused by another image while the entry exists.
    std::shared_ptr<const void> keep_alive;
  };

  explicit RenderCache(std::size_t capacity) : capacity_(capacity > 0 ? capacity : 1) {}

  // nullptr when absent; a hit becomes the most recently used.
  const Entry *find(const std::string &key);
  const Entry &put(std::string key, Entry entry);
  std::size_t size() const { return index_.size(); }
  std::size_t capacity() const { return capacity_; }

private:
  using Item = std::pair<std::string, Entry>;
  std::size_t capacity_;
  std::list<Item> items_; // most recently used first
  std::unordered_map<std::string, std::list<Item>::iterator> index_;
};

struct ReceiptFonts::Impl {
  std::vector<unsigned char> regular_ttf;
  std::vector<unsigned char> bold_ttf;
  std::map<std::pair<FontWeight, int>, TTF_Font *> faces;
  // 512 lines of 576 dots are ~2 MB at most; a day's varying lines (people
  // ahead, wait, time of day) cycle through it without evicting the fixed ones
  // for long.
  RenderCache rendered{512};
  // Renders may come from more than one thread over the program's life (a
  // warm-up on the main thread, then the print worker).
  std::mutex rendered_mutex;

  Impl() = default;
  Impl(const Impl &) = delete;
  Impl &operator=(const Impl &) = delete;
  ~Impl();

  // nullptr only if the face cannot be opened at all (checked by load()).
  TTF_Font *font(FontWeight weight, int pixel_size);
};

} // namespace motcua::printer
