#pragma once
// Technician subcommands that change CUPS, for a kiosk's receipt printer:
//   printers [--server HOST:PORT]
//     lists the CUPS queues (name, description, device, state);
//   add-printer --address HOST[:PORT] [--name QUEUE] [--server HOST:PORT]
//     adds a network ESC/POS printer (TCP 9100 by default) as a raw queue,
//     accepting and enabled, and says whether it answers.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace motcua::kiosk {

// The exit status, or nothing when args[0] is neither command.
std::optional<int> run_printer_admin_command(const std::vector<std::string> &args,
                                             std::ostream &out, std::ostream &err);

} // namespace motcua::kiosk
