#include "kiosk/shell/printer_commands.hpp"

#include "kiosk/shell/subcommand_options.hpp"

#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/app/ticket_print_job.hpp"
#include "net/protocol/catalog.hpp"
#include "printer/cups_raw_printer.hpp"
#include "printer/cups_status.hpp"
#include "printer/direct_escpos_printer.hpp"
#include "printer/escpos_status.hpp"
#include "printer/png_writer.hpp"
#include "printer/sample_receipt.hpp"

#include <algorithm>
#include <future>
#include <map>
#include <ostream>

namespace motcua::kiosk {
namespace {

constexpr int kExitOk = 0, kExitFailed = 1, kExitUsage = 2;

const char *const kUsage =
    "usage: motcua-kiosk ticket-preview --width 576|384 --out FILE.png [--assets DIR]\n"
    "                                   [--config kiosk.json] [--people-ahead N]\n"
    "       motcua-kiosk test-print (--queue QUEUE [--server HOST:PORT]\n"
    "                                [--format auto|escpos|pwg-raster] | --direct "
    "HOST:PORT)\n"
    "                               [--width 576|384] [--deadline-ms N] [--assets DIR]\n"
    "                               [--config kiosk.json] [--people-ahead N]\n"
    "       motcua-kiosk printer-status (--queue QUEUE [--server HOST:PORT] | --direct "
    "HOST:PORT)\n";

using Options = std::map<std::string, std::string>;

Result<int> width_of(const Options &o) {
  const auto it = o.find("--width");
  if (it == o.end())
    return printer::kPaper80mmDots;
  if (it->second == "576")
    return printer::kPaper80mmDots;
  if (it->second == "384")
    return printer::kPaper58mmDots;
  return unexpected("--width must be 576 or 384, got " + it->second);
}

// The sample ticket through the kiosk's own path (catalog, Vietnamese texts,
// the config's logo, footer and QR base URL), so it shows what the kiosk prints.
Result<printer::Bitmap> sample_ticket_image(const Options &o, const std::string &assets) {
  auto width = width_of(o);
  if (!width)
    return unexpected(width.error());
  const std::string dir = o.count("--assets") ? o.at("--assets") : assets;
  int people_ahead = 3;
  if (o.count("--people-ahead")) {
    const std::string &n = o.at("--people-ahead");
    if (n.empty() || n.size() > 3 ||
        n.find_first_not_of("0123456789") != std::string::npos)
      return unexpected("--people-ahead must be a number 0..999, got " + n);
    people_ahead = std::stoi(n);
  }
  ReceiptSettings settings;
  settings.ticket_url = kSampleTicketUrl;
  if (o.count("--config")) {
    auto config = load_kiosk_config(o.at("--config"));
    if (!config)
      return unexpected(config.error().to_string());
    settings = config->receipt;
  }
  auto catalog = load_catalog_file(dir + "/catalog/default.json");
  if (!catalog)
    return unexpected(catalog.error().to_string());
  auto texts = Texts::load_language(dir, "vi");
  if (!texts)
    return unexpected(texts.error());
  auto extras = load_receipt_extras(settings, dir);
  if (!extras)
    return unexpected(extras.error());
  auto fonts = printer::load_receipt_fonts(dir);
  if (!fonts)
    return unexpected(fonts.error());
  return ticket_print_job(sample_ticket(*catalog, people_ahead), *catalog, *texts,
                          **fonts, *width, *extras)
      .image;
}

void print_status(std::ostream &out, const printer::PrinterStatus &s) {
  out << "printer: " << s.names() << " — " << s.message("vi") << " / " << s.message("en");
  if (!s.detail.empty())
    out << " (" << s.detail << ")";
  out << "\n";
}

Result<printer::CupsQueue> cups_queue(const Options &o) {
  printer::CupsQueue q;
  q.name = o.at("--queue");
  if (o.count("--server"))
    q.server = o.at("--server");
  if (o.count("--deadline-ms"))
    q.job_deadline_ms = std::atoi(o.at("--deadline-ms").c_str());
  if (o.count("--format")) {
    auto f = printer::format_from_name(o.at("--format"));
    if (!f)
      return unexpected(std::string("--format must be auto, escpos or pwg-raster"));
    q.format = *f;
  }
  return q;
}

int ticket_preview(const Options &o, const std::string &assets, std::ostream &out,
                   std::ostream &err) {
  if (!o.count("--out")) {
    err << "motcua-kiosk: ticket-preview needs --out FILE.png\n" << kUsage;
    return kExitUsage;
  }
  auto image = sample_ticket_image(o, assets);
  if (!image) {
    err << "motcua-kiosk: " << image.error() << "\n";
    return kExitUsage;
  }
  if (auto ok = printer::write_png(*image, o.at("--out")); !ok) {
    err << "motcua-kiosk: " << ok.error() << "\n";
    return kExitFailed;
  }
  out << o.at("--out") << ": " << image->width << "x" << image->height << " dots\n";
  return kExitOk;
}

int test_print(const Options &o, const std::string &assets, std::ostream &out,
               std::ostream &err) {
  auto image = sample_ticket_image(o, assets);
  if (!image) {
    err << "motcua-kiosk: " << image.error() << "\n";
    return kExitUsage;
  }
  std::unique_ptr<printer::TicketPrinter> device;
  if (o.count("--direct")) {
    auto address = printer::parse_host_port(o.at("--direct"));
    if (!address) {
      err << "motcua-kiosk: " << address.error() << "\n";
      return kExitUsage;
    }
    device = std::make_unique<printer::DirectEscPosPrinter>(
        printer::DirectPrinterSettings{*address});
  } else if (o.count("--queue")) {
    auto queue = cups_queue(o);
    if (!queue) {
      err << "motcua-kiosk: " << queue.error() << "\n";
      return kExitUsage;
    }
    device = std::make_unique<printer::CupsRawPrinter>(*queue);
  } else {
    err << "motcua-kiosk: test-print needs --queue QUEUE or --direct HOST:PORT\n"
        << kUsage;
    return kExitUsage;
  }
  std::promise<printer::PrintOutcome> done;
  auto result = done.get_future();
  device->submit({"MotCua test print", {}, *image},
                 [&](printer::PrintOutcome o) { done.set_value(std::move(o)); });
  const auto outcome = result.get(); // bounded by the printer's own deadlines
  out << "job " << outcome.job_id << ": " << printer::job_end_name(outcome.end);
  if (!outcome.ok)
    out << " — " << outcome.error;
  out << "\n";
  print_status(out, outcome.printer_status);
  return outcome.ok ? kExitOk : kExitFailed;
}

int printer_status(const Options &o, std::ostream &out, std::ostream &err) {
  if (o.count("--direct")) {
    auto address = printer::parse_host_port(o.at("--direct"));
    if (!address) {
      err << "motcua-kiosk: " << address.error() << "\n";
      return kExitUsage;
    }
    auto status = printer::query_escpos_status(*address, 5000);
    if (!status) {
      err << "motcua-kiosk: " << status.error() << "\n";
      return kExitFailed;
    }
    print_status(out, *status);
    return status->can_print() ? kExitOk : kExitFailed;
  }
  if (!o.count("--queue")) {
    err << "motcua-kiosk: printer-status needs --queue QUEUE or --direct HOST:PORT\n"
        << kUsage;
    return kExitUsage;
  }
  auto queue = cups_queue(o);
  if (!queue) {
    err << "motcua-kiosk: " << queue.error() << "\n";
    return kExitUsage;
  }
  const auto status = printer::read_printer_status(*queue);
  print_status(out, status);
  return status.can_print() ? kExitOk : kExitFailed;
}

} // namespace

std::optional<int> run_printer_command(const std::vector<std::string> &args,
                                       const std::string &default_assets_dir,
                                       std::ostream &out, std::ostream &err) {
  if (args.empty())
    return std::nullopt;
  const std::string &command = args.front();
  if (command != "ticket-preview" && command != "test-print" &&
      command != "printer-status")
    return std::nullopt;
  auto options = parse_subcommand_options(
      args, {"--width", "--out", "--assets", "--queue", "--server", "--format",
             "--direct", "--config", "--people-ahead", "--deadline-ms"});
  if (!options) {
    err << "motcua-kiosk: " << options.error() << "\n" << kUsage;
    return kExitUsage;
  }
  if (command == "ticket-preview")
    return ticket_preview(*options, default_assets_dir, out, err);
  if (command == "test-print")
    return test_print(*options, default_assets_dir, out, err);
  return printer_status(*options, out, err);
}

} // namespace motcua::kiosk
