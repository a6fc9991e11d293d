#pragma once
// The SDL side of the kiosk, opened once for the whole process: the library,
// the bridge that wakes the loop from other threads, the window, the text
// cache and the UI loop. The first-boot wizard and the citizen screens draw
// on the same window in turn, so the screen never goes dark between them and
// a script drives both.
#include "kiosk/app/cli_options.hpp"
#include "kiosk/app/script.hpp"
#include "kiosk/shell/ui_loop.hpp"
#include "kiosk/shell/user_events.hpp"
#include "kiosk/ui/text_cache.hpp"
#include "kiosk/ui/window.hpp"

#include <memory>
#include <optional>
#include <vector>

namespace motcua::kiosk {

class KioskDisplay {
public:
  static Result<std::unique_ptr<KioskDisplay>>
  open(const CliOptions &options, std::optional<std::vector<script::Line>> script);
  ~KioskDisplay(); // events still queued are freed, then SDL stops
  KioskDisplay(const KioskDisplay &) = delete;
  KioskDisplay &operator=(const KioskDisplay &) = delete;

  const EventBridge &bridge() const { return bridge_; }
  ui::Window &window() { return *window_; }
  ui::TextCache &text() { return *text_; }
  UiLoop &loop() { return *loop_; }

private:
  KioskDisplay(std::unique_ptr<ui::SdlSession> session, EventBridge bridge)
      : session_(std::move(session)), bridge_(bridge) {}
  std::unique_ptr<ui::SdlSession> session_; // declared first: destroyed last
  EventBridge bridge_;
  std::unique_ptr<ui::Window> window_;
  std::unique_ptr<ui::TextCache> text_;
  std::unique_ptr<UiLoop> loop_;
};

} // namespace motcua::kiosk
