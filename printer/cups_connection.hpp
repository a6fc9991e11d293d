#pragma once
// One libcups HTTP connection of our own, with our timeouts: libcups' default
// connection (CUPS_HTTP_DEFAULT) waits minutes on a server that never answers.
#include <cups/cups.h>

#include <memory>
#include <string>
#include <vector>

namespace motcua::printer {

// Which document the job carries; `automatic` asks CUPS what the queue takes.
enum class DocumentFormat { automatic, escpos, pwg_raster };

struct CupsQueue {
  std::string name;      // CUPS queue, e.g. "motcua-raw"
  std::string server;    // "localhost:631"; empty: cupsServer() (CUPS_SERVER)
  int timeout_ms = 5000; // connect and per-request limit
  // How long a job may take to reach a final state before it is canceled;
  // 0: report as soon as CUPS has the document, without following it.
  int job_deadline_ms = 30000;
  DocumentFormat format = DocumentFormat::automatic;
  // For IPP printers behind the queue: also ask the printer itself (an idle
  // cupsd queue does not know its paper is out).
  bool ask_device = true;
};

struct HttpClose {
  void operator()(http_t *http) const { httpClose(http); }
};
using HttpPtr = std::unique_ptr<http_t, HttpClose>;

struct CupsConnection {
  HttpPtr http;
  std::string where; // "localhost:631", for messages
  std::string error; // why http is null
};

CupsConnection connect_cups(const CupsQueue &queue);
// An IPP printer's own address, "ipp://host:port/ipp/print".
CupsConnection connect_ipp_uri(const std::string &uri, int timeout_ms,
                               std::string *resource);

std::string queue_uri(const std::string &queue);

// A response's attribute values; empty when absent.
std::vector<std::string> ipp_strings(ipp_t *response, const char *name);
int ipp_int(ipp_t *response, const char *name, int missing);
bool ipp_bool(ipp_t *response, const char *name, bool missing);

struct IppDelete {
  void operator()(ipp_t *ipp) const { ippDelete(ipp); }
};
using IppPtr = std::unique_ptr<ipp_t, IppDelete>;

} // namespace motcua::printer
