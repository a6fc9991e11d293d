#include "server/admin_command.hpp"

#include "net/protocol/catalog.hpp"
#include "net/system/atomic_file.hpp"
#include "net/system/secret_line.hpp"
#include "server/api/authenticator.hpp"
#include "server/station_clock.hpp"
#include "server/storage/station_store.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <istream>
#include <iterator>
#include <memory>
#include <ostream>
#include <set>

namespace motcua::station {

namespace fs = std::filesystem;

namespace {

constexpr int kDone = 0, kFailed = 1, kUsage = 2;

Result<std::string> read_text(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return unexpected("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in),
                     std::istreambuf_iterator<char>());
}

// Options each subcommand takes (all with a value) and how many operands.
struct Shape {
  std::set<std::string> options;
  std::size_t operands = 0;
};

const std::map<std::string, Shape> &shapes() {
  static const std::map<std::string, Shape> s{
      {"enrollment-code", {{"--data", "--by"}, 0}},
      {"add-officer",
       {{"--data", "--username", "--name", "--role", "--password-file"}, 0}},
      {"import-catalog", {{"--data"}, 1}},
      {"backup", {{"--data", "--out"}, 0}},
  };
  return s;
}

std::string value_or(const AdminCommand &c, const std::string &name,
                     std::string fallback) {
  auto it = c.values.find(name);
  return it == c.values.end() ? fallback : it->second;
}

// The password from a file's first line or standard input, never argv.
Result<std::string> read_password(const std::string &source, std::istream &in) {
  auto password = read_secret_line(source, in);
  if (password && password->size() < 8)
    return unexpected(std::string("the password must have at least 8 characters"));
  return password;
}

// Opens the store the running station uses; it migrates a new folder.
Result<std::unique_ptr<StationStore>> open_store(const std::string &data_dir) {
  if (!fs::exists(fs::path(data_dir) / "station.db"))
    return unexpected("no station database in " + data_dir +
                      " (start motcua-station --data " + data_dir +
                      " once, or check --data)");
  auto store = open_sqlite_station_store(data_dir);
  if (!store)
    return unexpected(store.error().message);
  return std::move(store).value();
}

// SQLite's online backup: a consistent copy while the station keeps writing,
// then checked before it is called a backup.
std::optional<std::string> backup_database(const std::string &from,
                                           const std::string &to) {
  const std::string partial = to + ".partial";
  fs::remove(partial);
  sqlite3 *source = nullptr, *target = nullptr;
  std::optional<std::string> error;
  if (sqlite3_open_v2(from.c_str(), &source, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    error = "cannot open " + from + ": " + sqlite3_errmsg(source);
  else if (sqlite3_open_v2(partial.c_str(), &target,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                           nullptr) != SQLITE_OK)
    error = "cannot create " + partial + ": " + sqlite3_errmsg(target);
  if (!error) {
    sqlite3_busy_timeout(source, 5000);
    sqlite3_backup *b = sqlite3_backup_init(target, "main", source, "main");
    if (b == nullptr) {
      error = std::string("backup: ") + sqlite3_errmsg(target);
    } else {
      // Pages in steps, so the station's writers wait at most one step.
      int rc = SQLITE_OK;
      do {
        rc = sqlite3_backup_step(b, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
          sqlite3_sleep(20);
      } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
      sqlite3_backup_finish(b);
      if (rc != SQLITE_DONE)
        error = std::string("backup: ") + sqlite3_errstr(rc);
    }
  }
  if (!error) {
    sqlite3_stmt *check = nullptr;
    std::string verdict = "no answer";
    if (sqlite3_prepare_v2(target, "PRAGMA integrity_check", -1, &check, nullptr) ==
            SQLITE_OK &&
        sqlite3_step(check) == SQLITE_ROW)
      verdict = reinterpret_cast<const char *>(sqlite3_column_text(check, 0));
    sqlite3_finalize(check);
    if (verdict != "ok")
      error = "the copy failed its integrity check: " + verdict;
  }
  sqlite3_close(source);
  sqlite3_close(target);
  if (error) {
    fs::remove(partial);
    return error;
  }
  std::error_code ec;
  fs::rename(partial, to, ec);
  if (ec)
    return "cannot move the backup to " + to + ": " + ec.message();
  return std::nullopt;
}

} // namespace

Result<AdminCommand> parse_admin_command(const std::vector<std::string> &args) {
  if (args.empty())
    return unexpected(
        std::string("admin needs a command (see motcua-station admin --help)"));
  AdminCommand c;
  c.name = args[0];
  auto shape = shapes().find(c.name);
  if (shape == shapes().end())
    return unexpected("unknown admin command \"" + c.name +
                      "\" (see motcua-station admin --help)");
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string &a = args[i];
    if (!a.starts_with("--")) {
      c.operands.push_back(a);
      continue;
    }
    std::string name = a, value;
    if (auto eq = a.find('='); eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return unexpected(a + " needs a value");
    }
    if (!shape->second.options.count(name))
      return unexpected(c.name + " takes no option " + name);
    if (value.empty())
      return unexpected(name + " must not be empty");
    if (name == "--data")
      c.data_dir = value;
    else
      c.values[name] = value;
  }
  if (c.operands.size() != shape->second.operands)
    return unexpected(c.name + " takes " + std::to_string(shape->second.operands) +
                      " file name(s), got " + std::to_string(c.operands.size()));
  if (c.name == "add-officer")
    for (const char *required : {"--username", "--role", "--password-file"})
      if (!c.values.count(required))
        return unexpected(std::string("add-officer needs ") + required);
  if (c.name == "backup" && !c.values.count("--out"))
    return unexpected(std::string("backup needs --out FILE"));
  return c;
}

std::string admin_usage() {
  return R"(Usage: motcua-station admin COMMAND [--data DIR] ...
Commands on the data folder of a station (default /var/lib/motcua-station),
also while the station runs:

  enrollment-code [--by NAME]
        print a one-time code a new kiosk enrolls with (valid 24 hours)
  add-officer --username U --role officer|chief|technician
              --password-file FILE|- [--name "Display Name"]
        create an account; the password is read from FILE's first line or
        from standard input with "-", never from the command line
  import-catalog FILE
        check a service catalog and make it the station's (DIR/catalog.json);
        takes effect at the next start
  backup --out FILE
        a consistent online copy of station.db, integrity-checked

Exit status: 0 done, 1 failed (the message says why), 2 bad command line.
)";
}

std::string station_catalog_path(const std::string &data_dir,
                                 const std::string &installed_default) {
  const fs::path imported = fs::path(data_dir) / "catalog.json";
  std::error_code ec;
  return fs::is_regular_file(imported, ec) ? imported.string() : installed_default;
}

int run_admin_command(const AdminCommand &c, std::istream &in, std::ostream &out,
                      std::ostream &err) {
  const std::string database = (fs::path(c.data_dir) / "station.db").string();
  if (c.name == "import-catalog") {
    auto catalog = load_catalog_file(c.operands[0]);
    if (!catalog) {
      err << "motcua-station admin: " << catalog.error().to_string() << "\n";
      return kFailed;
    }
    auto text = read_text(c.operands[0]);
    std::error_code ec;
    fs::create_directories(c.data_dir, ec);
    const std::string target = (fs::path(c.data_dir) / "catalog.json").string();
    if (auto error = text ? write_file_atomically(target, *text) : text.error()) {
      err << "motcua-station admin: " << *error << "\n";
      return kFailed;
    }
    out << "catalog with " << catalog->services.size() << " services saved as " << target
        << "; restart the station to use it\n";
    return kDone;
  }
  if (c.name == "backup") {
    if (!fs::exists(database)) {
      err << "motcua-station admin: no station database in " << c.data_dir << "\n";
      return kFailed;
    }
    if (auto error = backup_database(database, c.values.at("--out"))) {
      err << "motcua-station admin: " << *error << "\n";
      return kFailed;
    }
    out << "backup of " << database << " written to " << c.values.at("--out") << "\n";
    return kDone;
  }

  auto store = open_store(c.data_dir);
  if (!store) {
    err << "motcua-station admin: " << store.error() << "\n";
    return kFailed;
  }
  Authenticator auth(**store, system_clock());
  if (c.name == "enrollment-code") {
    auto code = auth.create_enrollment_code(value_or(c, "--by", "technician (shell)"));
    if (!code) {
      err << "motcua-station admin: " << code.error().message << "\n";
      return kFailed;
    }
    out << *code << "\n";
    return kDone;
  }
  // add-officer
  auto role = parse_officer_role(c.values.at("--role"));
  if (!role) {
    err << "motcua-station admin: --role must be officer, chief or technician\n";
    return kUsage;
  }
  auto password = read_password(c.values.at("--password-file"), in);
  if (!password) {
    err << "motcua-station admin: " << password.error() << "\n";
    return kFailed;
  }
  const std::string username = c.values.at("--username");
  if (auto error = auth.create_officer(username, value_or(c, "--name", username), *role,
                                       *password)) {
    err << "motcua-station admin: " << error->message << "\n";
    return kFailed;
  }
  out << "account " << username << " (" << to_string(*role) << ") created\n";
  return kDone;
}

} // namespace motcua::station
