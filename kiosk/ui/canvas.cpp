#include "kiosk/ui/canvas.hpp"

#include <SDL2/SDL.h>

#include <algorithm>
#include <cmath>

namespace motcua::kiosk::ui {

void Canvas::label(const std::string &label, const Rect &area, int max_size, int min_size,
                   Rgb color, Align align) {
  if (area.w <= 0 || area.h <= 0)
    return;
  // Shrink a long label a little; beyond that, wrap it rather than make it small.
  int size = text_.fit_size(label, Weight::bold, max_size, area.w, min_size);
  const bool wrap = text_.measure(label, size, Weight::bold).first > area.w;
  const TextImage *img = text_.get(label, {size, Weight::bold, color, wrap ? area.w : 0});
  // Wrapped text taller than the area: smaller until it fits.
  while (img && img->h > area.h && size > min_size * 2 / 3) {
    size = std::max(min_size * 2 / 3, size - std::max(1, size / 10));
    img = text_.get(label, {size, Weight::bold, color, wrap ? area.w : 0});
  }
  if (img)
    blit(*img, align == Align::left ? area.x : area.center_x() - img->w / 2,
         area.center_y() - img->h / 2);
}

void Canvas::column(const std::vector<Line> &lines, const Rect &area, int gap) {
  std::vector<const TextImage *> images;
  int total = 0;
  for (const auto &line : lines) {
    const auto *img = text_.get(line.text, line.style);
    if (!img)
      continue;
    images.push_back(img);
    total += img->h;
  }
  if (images.empty())
    return;
  total += gap * static_cast<int>(images.size() - 1);
  int y = area.y + std::max(0, (area.h - total) / 2);
  for (const auto *img : images) {
    blit(*img, area.center_x() - img->w / 2, y);
    y += img->h + gap;
  }
}

void Canvas::fill(const Rect &r, Rgb color) {
  SDL_SetRenderDrawColor(renderer_, color.r, color.g, color.b, 255);
  const SDL_Rect rect{r.x, r.y, r.w, r.h};
  SDL_RenderFillRect(renderer_, &rect);
}

void Canvas::fill_rounded(const Rect &r, int radius, Rgb color) {
  radius = std::clamp(radius, 0, std::min(r.w, r.h) / 2);
  std::vector<SDL_Rect> rows;
  rows.reserve(static_cast<std::size_t>(2 * radius + 1));
  for (int dy = 0; dy < radius; ++dy) {
    // Each row of the corner arc, inset by how far the circle is from the edge.
    const double from_centre = radius - dy - 0.5;
    const int inset = radius - static_cast<int>(std::lround(std::sqrt(
                                   double(radius) * radius - from_centre * from_centre)));
    rows.push_back(SDL_Rect{r.x + inset, r.y + dy, r.w - 2 * inset, 1});
    rows.push_back(SDL_Rect{r.x + inset, r.bottom() - 1 - dy, r.w - 2 * inset, 1});
  }
  rows.push_back(SDL_Rect{r.x, r.y + radius, r.w, r.h - 2 * radius});
  SDL_SetRenderDrawColor(renderer_, color.r, color.g, color.b, 255);
  SDL_RenderFillRects(renderer_, rows.data(), static_cast<int>(rows.size()));
}

void Canvas::fill_circle(int cx, int cy, int radius, Rgb color) {
  fill_rounded(Rect{cx - radius, cy - radius, 2 * radius, 2 * radius}, radius, color);
}

void Canvas::blit(const TextImage &image, int x, int y) {
  const SDL_Rect dst{x, y, image.w, image.h};
  SDL_RenderCopy(renderer_, image.texture, nullptr, &dst);
}

} // namespace motcua::kiosk::ui
