#pragma once
// Script commands that touch the window, done the way a citizen would:
// real SDL finger and mouse events at real places, screenshots of the frame.
#include "kiosk/app/script_player.hpp"
#include "kiosk/shell/technician_session.hpp"
#include "kiosk/ui/screen_painter.hpp"
#include "kiosk/ui/window.hpp"

namespace motcua::kiosk {

class SdlScriptHost final : public script::Host {
public:
  explicit SdlScriptHost(ui::Window &window) : window_(window) {}

  // A finger down and up at the centre of the service's button, in
  // normalised coordinates as a touchscreen reports them.
  Result<bool> tap_service(const State &state, const std::string &service_id) override;
  Result<bool> tap_button(const State &state, const std::string &button_id,
                          script::Pointer pointer) override;
  Result<bool> click(int x, int y) override;
  Result<bool> screenshot(const State &state, const std::string &path) override;
  std::string technician_screen() const override;
  std::string technician_state() const override;
  // The screens of the loop now running (the wizard's or the kiosk's): the
  // citizen painter for screenshots, the technician session whose screens,
  // while they show, take taps and screenshots.
  void set_screens(ui::ScreenPainter *painter, TechnicianSession *technician) {
    painter_ = painter;
    technician_ = technician;
  }

private:
  Result<bool> finger(int x, int y);
  ui::Window &window_;
  ui::ScreenPainter *painter_ = nullptr;
  TechnicianSession *technician_ = nullptr;
};

} // namespace motcua::kiosk
