#pragma once
// Technician subcommands of motcua-kiosk that need no screen:
//   ticket-preview --width 576|384 --out FILE.png
//   test-print (--queue QUEUE [--server HOST:PORT] [--format auto|escpos|pwg-raster]
//               | --direct HOST:PORT) [--width 576|384] [--deadline-ms N]
//   printer-status (--queue QUEUE [--server HOST:PORT] | --direct HOST:PORT)
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace motcua::kiosk {

// Runs the subcommand named by args[0] and returns the exit status, or
// nothing when args[0] is not one of these (the kiosk then starts normally).
std::optional<int> run_printer_command(const std::vector<std::string> &args,
                                       const std::string &default_assets_dir,
                                       std::ostream &out, std::ostream &err);

} // namespace motcua::kiosk
