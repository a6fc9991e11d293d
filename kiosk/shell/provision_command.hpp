#pragma once
// Technician subcommands for fleets, without a screen:
//   provision --server URL --code CODE --printer QUEUE [--mode M] ...
//     enrolls with the station, then writes the token and the configuration
//     (atomically; a damaged existing file is reported, never overwritten);
//   doctor [--config FILE]
//     prints the diagnostics and exits non-zero when the kiosk cannot serve.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace motcua::kiosk {

constexpr const char *kDefaultConfigPath = "/etc/motcua/kiosk.json";
constexpr const char *kDefaultStateDir = "/var/lib/motcua-kiosk";

// The exit status, or nothing when args[0] is neither command.
std::optional<int> run_provision_command(const std::vector<std::string> &args,
                                         std::ostream &out, std::ostream &err);

} // namespace motcua::kiosk
