#include "kiosk/app/script_player.hpp"

#include "kiosk/app/overloaded.hpp"

namespace motcua::kiosk::script {

Player::Player(std::vector<Line> lines, std::string source, Host &host, std::ostream &out)
    : lines_(std::move(lines)), source_(std::move(source)), host_(host), out_(out) {}

void Player::on_print_finished(const PrintFinished &result) { prints_.push_back(result); }

Step Player::fail(const Line &line, const std::string &why) {
  Step step;
  step.status = Step::Status::failed;
  step.error = source_ + ":" + std::to_string(line.number) + ": " + why;
  next_ = lines_.size();
  return step;
}

std::optional<Step> Player::wait_until(const Line &line, bool done, Duration timeout,
                                       const std::string &what, const State &state,
                                       TimePoint now) {
  if (done)
    return std::nullopt;
  if (!wait_started_)
    wait_started_ = now;
  if (now - *wait_started_ >= timeout)
    return fail(line, what + ": timed out after " + std::to_string(timeout.count()) +
                          " ms (" + describe_state(state) + host_.technician_state() +
                          ")");
  return Step{Step::Status::running, *wait_started_ + timeout, {}};
}

Step Player::advance(const State &state, TimePoint now) {
  while (next_ < lines_.size()) {
    const Line &line = lines_[next_];
    // A wait that is not over yet ends the step; everything else runs now.
    std::optional<Step> stop = std::visit(
        Overloaded{
            [&](const WaitScreen &c) -> std::optional<Step> {
              return wait_until(line, shows(state, c.screen), c.timeout,
                                "wait-screen " + std::string(screen_name(c.screen)),
                                state, now);
            },
            [&](const WaitPrinter &c) -> std::optional<Step> {
              return wait_until(line, state.printer.has(c.condition), c.timeout,
                                "wait-printer " +
                                    std::string(printer::info(c.condition).name),
                                state, now);
            },
            [&](const WaitLabel &c) -> std::optional<Step> {
              const Service *service =
                  state.catalog ? state.catalog->find_service(c.service_id) : nullptr;
              return wait_until(
                  line, service && service->label.in(state.language) == c.text, c.timeout,
                  "wait-label " + c.service_id + " " + c.text, state, now);
            },
            [&](const WaitTechnician &c) -> std::optional<Step> {
              return wait_until(line, host_.technician_screen() == c.screen, c.timeout,
                                "wait-technician " + c.screen, state, now);
            },
            [&](const WaitPrint &c) -> std::optional<Step> {
              if (prints_consumed_ < prints_.size()) {
                const PrintFinished &result = prints_[prints_consumed_++];
                if (!result.ok)
                  return fail(line, "wait-print: print of " + result.ticket_number +
                                        " failed: " + result.message);
                return std::nullopt;
              }
              return wait_until(line, false, c.timeout, "wait-print: no print result",
                                state, now);
            },
            [&](const TapService &c) -> std::optional<Step> {
              if (auto r = host_.tap_service(state, c.service_id); !r)
                return fail(line, "tap-service " + c.service_id + ": " + r.error());
              ++next_;
              return Step{Step::Status::running, now, {}};
            },
            [&](const TapButton &c) -> std::optional<Step> {
              if (auto r = host_.tap_button(state, c.button_id, c.pointer); !r)
                return fail(line, "tap " + c.button_id + ": " + r.error());
              ++next_;
              return Step{Step::Status::running, now, {}};
            },
            [&](const Click &c) -> std::optional<Step> {
              if (auto r = host_.click(c.x, c.y); !r)
                return fail(line, "click: " + r.error());
              ++next_;
              return Step{Step::Status::running, now, {}};
            },
            [&](const Screenshot &c) -> std::optional<Step> {
              if (auto r = host_.screenshot(state, c.path); !r)
                return fail(line, "screenshot " + c.path + ": " + r.error());
              return std::nullopt;
            },
            [&](const PrintState &) -> std::optional<Step> {
              out_ << describe_state(state) << host_.technician_state() << std::endl;
              return std::nullopt;
            },
            [&](const Sleep &c) -> std::optional<Step> {
              if (!wait_started_)
                wait_started_ = now;
              if (now - *wait_started_ >= c.duration)
                return std::nullopt;
              return Step{Step::Status::running, *wait_started_ + c.duration, {}};
            },
            [&](const Quit &) -> std::optional<Step> {
              next_ = lines_.size();
              return Step{Step::Status::finished, std::nullopt, {}};
            },
        },
        line.command);
    if (stop)
      return *stop;
    wait_started_.reset();
    ++next_;
  }
  return Step{Step::Status::finished, std::nullopt, {}};
}

} // namespace motcua::kiosk::script
