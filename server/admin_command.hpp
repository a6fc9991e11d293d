#pragma once
// `motcua-station admin ...`: what a technician does from the shell on the
// station PC, against the same data folder a running station uses (SQLite in
// WAL mode lets both in): enrollment codes, officers, the catalog, backups.
#include "net/protocol/result.hpp"

#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace motcua::station {

struct AdminCommand {
  std::string name; // enrollment-code, add-officer, import-catalog, backup
  std::string data_dir = "/var/lib/motcua-station";
  std::map<std::string, std::string> values; // --username U, ...
  std::vector<std::string> operands;         // import-catalog FILE
};

// `args` after "admin". Pure: nothing is opened.
Result<AdminCommand> parse_admin_command(const std::vector<std::string> &args);
std::string admin_usage();

// Runs it; the exit status (0 done, 1 failed, 2 bad command line).
int run_admin_command(const AdminCommand &command, std::istream &in, std::ostream &out,
                      std::ostream &err);

// The catalog a station started without --catalog uses: the one imported
// into its data folder, else the installed default.
std::string station_catalog_path(const std::string &data_dir,
                                 const std::string &installed_default);

} // namespace motcua::station
