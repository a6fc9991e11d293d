#pragma once
// Colours of the kiosk screens. Text colours are chosen against their
// backgrounds for a contrast of at least 4.5:1 (WCAG AA); the tests check it.
#include <cstdint>

namespace motcua::kiosk::ui {

struct Rgb {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;
  bool operator==(const Rgb &) const = default;
};

namespace theme {
inline constexpr Rgb background{0xFF, 0xFF, 0xFF};
inline constexpr Rgb text{0x1A, 0x1A, 0x1A};
inline constexpr Rgb muted_text{0x4A, 0x4A, 0x4A};
inline constexpr Rgb band{0x0D, 0x47, 0xA1}; // title band, deep blue
inline constexpr Rgb band_text{0xFF, 0xFF, 0xFF};
inline constexpr Rgb band_subtext{0xE3, 0xEC, 0xFA};
inline constexpr Rgb button{0xE8, 0xF0, 0xFE};
inline constexpr Rgb button_border{0x0D, 0x47, 0xA1};
inline constexpr Rgb button_text{0x0B, 0x1F, 0x44};
inline constexpr Rgb badge{0x0D, 0x47, 0xA1};
inline constexpr Rgb badge_text{0xFF, 0xFF, 0xFF};
inline constexpr Rgb number{0xB7, 0x1C, 0x1C};    // the ticket number, deep red
inline constexpr Rgb ok_text{0x1B, 0x5E, 0x20};   // printed
inline constexpr Rgb busy_text{0x0D, 0x47, 0xA1}; // printing, issuing
inline constexpr Rgb error_text{0xB7, 0x1C, 0x1C};
// Pressed, disabled and selected states; band buttons sit on the band.
inline constexpr Rgb button_pressed{0xB3, 0xCD, 0xF5};
inline constexpr Rgb disabled{0xEE, 0xEE, 0xEE};
inline constexpr Rgb disabled_border{0xB0, 0xB0, 0xB0};
inline constexpr Rgb disabled_text{0x59, 0x59, 0x59};
inline constexpr Rgb primary{0x0D, 0x47, 0xA1};
inline constexpr Rgb primary_pressed{0x08, 0x2C, 0x66};
inline constexpr Rgb primary_text{0xFF, 0xFF, 0xFF};
inline constexpr Rgb band_button{0x15, 0x65, 0xC0};
inline constexpr Rgb band_button_pressed{0x08, 0x2C, 0x66};
inline constexpr Rgb attract_background{0x0B, 0x2A, 0x5B};
inline constexpr Rgb face_feature{0x1A, 0x1A, 0x1A};
} // namespace theme

// WCAG 2 contrast ratio, 1.0 (same colour) to 21.0 (black on white).
double contrast_ratio(Rgb a, Rgb b);

} // namespace motcua::kiosk::ui
