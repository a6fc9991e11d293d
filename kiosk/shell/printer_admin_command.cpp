#include "kiosk/shell/printer_admin_command.hpp"

#include "kiosk/shell/subcommand_options.hpp"
#include "printer/cups_admin.hpp"
#include "printer/cups_status.hpp"

#include <ostream>

namespace motcua::kiosk {

namespace {

constexpr int kExitOk = 0, kExitFailed = 1, kExitUsage = 2;
const char *const kUsage =
    "usage: motcua-kiosk printers [--server HOST:PORT]\n"
    "       motcua-kiosk add-printer --address HOST[:PORT] [--name QUEUE] "
    "[--server HOST:PORT]\n"
    "  add-printer makes a raw CUPS queue (default name receipt) for a network\n"
    "  ESC/POS receipt printer, port 9100 unless given.\n";

const char *state_name(int state) {
  switch (state) {
  case 3:
    return "idle";
  case 4:
    return "printing";
  case 5:
    return "stopped";
  }
  return "unknown";
}

int list(const SubcommandOptions &o, std::ostream &out, std::ostream &err) {
  printer::CupsQueue server;
  if (o.count("--server"))
    server.server = o.at("--server");
  auto queues = printer::list_cups_queues(server);
  if (!queues) {
    err << "motcua-kiosk: " << queues.error() << "\n";
    return kExitFailed;
  }
  if (queues->empty())
    out << "no printers in CUPS yet: add one with motcua-kiosk add-printer\n";
  for (const auto &q : *queues)
    out << q.name << " — " << (q.info.empty() ? "(no description)" : q.info) << " — "
        << q.device_uri << " — " << state_name(q.state) << "\n";
  return kExitOk;
}

int add(const SubcommandOptions &o, std::ostream &out, std::ostream &err) {
  if (!o.count("--address")) {
    err << "motcua-kiosk: add-printer needs --address HOST[:PORT]\n" << kUsage;
    return kExitUsage;
  }
  const std::string name = o.count("--name") ? o.at("--name") : "receipt";
  if (auto problem = printer::queue_name_problem(name)) {
    err << "motcua-kiosk: --name: " << *problem << "\n";
    return kExitUsage;
  }
  auto uri = printer::receipt_printer_uri(o.at("--address"));
  if (!uri) {
    err << "motcua-kiosk: --address: " << uri.error() << "\n";
    return kExitUsage;
  }
  printer::CupsQueue queue{name};
  if (o.count("--server"))
    queue.server = o.at("--server");
  if (auto error =
          printer::add_raw_queue(queue, name, *uri, "MotCua receipt printer " + *uri)) {
    err << "motcua-kiosk: " << *error << "\n";
    return kExitFailed;
  }
  out << "printer " << name << " added: " << *uri << " (raw, accepting jobs)\n";
  const auto status = printer::read_printer_status(queue);
  out << "printer " << name << ": " << status.names() << " — " << status.message("en")
      << "\n";
  return kExitOk;
}

} // namespace

std::optional<int> run_printer_admin_command(const std::vector<std::string> &args,
                                             std::ostream &out, std::ostream &err) {
  if (args.empty() || (args[0] != "printers" && args[0] != "add-printer"))
    return std::nullopt;
  if (args.size() == 2 && args[1] == "--help") {
    out << kUsage;
    return kExitOk;
  }
  auto o = args[0] == "printers"
               ? parse_subcommand_options(args, {"--server"})
               : parse_subcommand_options(args, {"--address", "--name", "--server"});
  if (!o) {
    err << "motcua-kiosk: " << o.error() << "\n" << kUsage;
    return kExitUsage;
  }
  return args[0] == "printers" ? list(*o, out, err) : add(*o, out, err);
}

} // namespace motcua::kiosk
