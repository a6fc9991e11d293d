#include "kiosk/shell/kiosk_display.hpp"

#include <iostream>

namespace motcua::kiosk {

Result<std::unique_ptr<KioskDisplay>>
KioskDisplay::open(const CliOptions &options,
                   std::optional<std::vector<script::Line>> script) {
  auto session = ui::SdlSession::start();
  if (!session)
    return unexpected(session.error());
  auto bridge = EventBridge::create();
  if (!bridge)
    return unexpected(bridge.error());
  std::unique_ptr<KioskDisplay> display(
      new KioskDisplay(std::move(session.value()), bridge.value()));
  auto window = ui::Window::open(
      {options.windowed ? ui::WindowMode::windowed : ui::WindowMode::fullscreen,
       options.width, options.height, "MotCua"});
  if (!window)
    return unexpected(window.error());
  display->window_ = std::move(window.value());
  auto text = ui::TextCache::open(display->window_->renderer(),
                                  options.assets_dir + "/fonts/NotoSans-Regular.ttf",
                                  options.assets_dir + "/fonts/NotoSans-Bold.ttf");
  if (!text)
    return unexpected(text.error());
  display->text_ = std::move(text.value());
  display->loop_ = std::make_unique<UiLoop>(*display->window_, std::move(script),
                                            options.script_path, std::cout);
  return display;
}

KioskDisplay::~KioskDisplay() {
  loop_.reset();
  text_.reset();
  window_.reset();
  bridge_.discard_pending();
}

} // namespace motcua::kiosk
