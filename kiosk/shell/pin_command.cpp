#include "kiosk/shell/pin_command.hpp"

#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/app/technician_pin.hpp"
#include "kiosk/shell/provision_command.hpp"
#include "kiosk/shell/subcommand_options.hpp"
#include "net/system/atomic_file.hpp"
#include "net/system/secret_line.hpp"

#include <cstdlib>
#include <filesystem>
#include <ostream>

namespace motcua::kiosk {

namespace {
constexpr int kExitOk = 0, kExitFailed = 1, kExitUsage = 2;
const char *const kUsage =
    "usage: motcua-kiosk set-pin --pin-file FILE|- [--config FILE] [--state-dir DIR]\n"
    "  the PIN (4 to 8 digits) is FILE's first line, or standard input with -\n";
} // namespace

std::optional<std::string> store_technician_pin(const std::string &state_dir,
                                                const std::string &pin) {
  if (auto problem = pin_problem(pin))
    return *problem;
  std::error_code ec;
  std::filesystem::create_directories(state_dir, ec);
  const auto path = (std::filesystem::path(state_dir) / kPinFileName).string();
  // A new PIN also lifts a lock: the technician at the shell is trusted.
  return write_file_atomically(path, pin_record_to_json(make_pin_record(pin)), 0600);
}

std::optional<int> run_pin_command(const std::vector<std::string> &args, std::istream &in,
                                   std::ostream &out, std::ostream &err) {
  if (args.empty() || args[0] != "set-pin")
    return std::nullopt;
  if (args.size() == 2 && args[1] == "--help") {
    out << kUsage;
    return kExitOk;
  }
  auto o = parse_subcommand_options(args, {"--pin-file", "--config", "--state-dir"});
  if (!o || !o->count("--pin-file")) {
    err << "motcua-kiosk: " << (o ? "set-pin needs --pin-file FILE|-" : o.error()) << "\n"
        << kUsage;
    return kExitUsage;
  }
  std::string state_dir;
  if (o->count("--state-dir")) {
    state_dir = o->at("--state-dir");
  } else {
    const std::string config_path =
        o->count("--config") ? o->at("--config") : kDefaultConfigPath;
    auto config = load_kiosk_config(config_path);
    if (!config) {
      err << "motcua-kiosk: " << config.error().to_string()
          << "\n(give --state-dir, or provision the kiosk first)\n";
      return kExitUsage;
    }
    const char *env = std::getenv("STATE_DIRECTORY");
    state_dir = resolve_state_dir(*config, config_path, env ? env : "");
  }
  auto pin = read_secret_line(o->at("--pin-file"), in);
  if (!pin) {
    err << "motcua-kiosk: " << pin.error() << "\n";
    return kExitUsage;
  }
  if (auto error = store_technician_pin(state_dir, *pin)) {
    err << "motcua-kiosk: the PIN was not set: " << *error << "\n";
    return pin_problem(*pin) ? kExitUsage : kExitFailed;
  }
  out << "technician PIN set: "
      << (std::filesystem::path(state_dir) / kPinFileName).string() << "\n";
  return kExitOk;
}

} // namespace motcua::kiosk
