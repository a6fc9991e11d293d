#include "printer/cups_status.hpp"

namespace motcua::printer {
namespace {

const char *const kStatusAttributes[] = {"printer-state",
                                         "printer-state-reasons",
                                         "printer-state-message",
                                         "printer-is-accepting-jobs",
                                         "printer-make-and-model",
                                         "device-uri",
                                         "document-format-supported",
                                         "pwg-raster-document-resolution-supported"};

IppPtr get_printer_attributes(http_t *http, const std::string &printer_uri,
                              const std::string &resource) {
  ipp_t *request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
               printer_uri.c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               cupsUser());
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                static_cast<int>(std::size(kStatusAttributes)), nullptr,
                kStatusAttributes);
  return IppPtr(cupsDoRequest(http, request, resource.c_str())); // frees request
}

PrinterStatus status_of(ipp_t *response) {
  const auto messages = ipp_strings(response, "printer-state-message");
  return status_from_ipp(ipp_int(response, "printer-state", 0),
                         ipp_strings(response, "printer-state-reasons"),
                         ipp_bool(response, "printer-is-accepting-jobs", true),
                         messages.empty() ? std::string() : messages.front());
}

std::vector<int> resolutions(ipp_t *response, const char *name) {
  std::vector<int> out;
  ipp_attribute_t *a = ippFindAttribute(response, name, IPP_TAG_RESOLUTION);
  for (int i = 0; a != nullptr && i < ippGetCount(a); ++i) {
    int y = 0;
    ipp_res_t units = IPP_RES_PER_INCH;
    const int x = ippGetResolution(a, i, &y, &units);
    out.push_back(units == IPP_RES_PER_CM ? static_cast<int>(x * 2.54 + 0.5) : x);
  }
  return out;
}

bool is_ipp_device(const std::string &uri) {
  return uri.starts_with("ipp://") || uri.starts_with("ipps://");
}

} // namespace

Result<QueueFacts> read_queue_facts(http_t *http, const std::string &queue) {
  auto response = get_printer_attributes(http, queue_uri(queue), "/printers/" + queue);
  if (!response)
    return unexpected("no answer from CUPS about queue " +
                      queue); // error string is stale
  if (ippGetStatusCode(response.get()) > IPP_STATUS_OK_CONFLICTING)
    return unexpected("CUPS does not know queue " + queue + ": " +
                      ippErrorString(ippGetStatusCode(response.get())));
  QueueFacts facts;
  const auto model = ipp_strings(response.get(), "printer-make-and-model");
  facts.make_and_model = model.empty() ? "" : model.front();
  // cupsd names driverless-less queues this way; it is the only raw marker
  // it reports (document-format-supported lists every format it can filter).
  facts.raw = facts.make_and_model == "Local Raw Printer";
  const auto device = ipp_strings(response.get(), "device-uri");
  facts.device_uri = device.empty() ? "" : device.front();
  facts.formats = ipp_strings(response.get(), "document-format-supported");
  facts.pwg_resolutions =
      resolutions(response.get(), "pwg-raster-document-resolution-supported");
  facts.status = status_of(response.get());
  return facts;
}

Result<PrinterStatus> read_ipp_printer_status(const std::string &printer_uri,
                                              int timeout_ms) {
  std::string resource;
  auto c = connect_ipp_uri(printer_uri, timeout_ms, &resource);
  if (!c.http)
    return unexpected("printer: " + c.error);
  auto response = get_printer_attributes(c.http.get(), printer_uri, resource);
  if (!response || ippGetStatusCode(response.get()) > IPP_STATUS_OK_CONFLICTING)
    return unexpected("no answer from the printer at " + printer_uri);
  return status_of(response.get());
}

PrinterStatus read_printer_status(http_t *http, const CupsQueue &queue) {
  auto facts = read_queue_facts(http, queue.name);
  if (!facts)
    return PrinterStatus::of({PrinterCondition::offline}, facts.error());
  PrinterStatus status = facts->status;
  if (queue.ask_device && is_ipp_device(facts->device_uri) &&
      !status.has(PrinterCondition::printing)) {
    auto device = read_ipp_printer_status(facts->device_uri, queue.timeout_ms);
    status = merge_device_status(
        std::move(status),
        device ? device.value()
               : PrinterStatus::of({PrinterCondition::offline}, device.error()));
  }
  return status;
}

PrinterStatus read_printer_status(const CupsQueue &queue) {
  auto c = connect_cups(queue);
  if (!c.http)
    return PrinterStatus::of({PrinterCondition::offline}, c.error);
  return read_printer_status(c.http.get(), queue);
}

} // namespace motcua::printer
