#include "printer/cups_admin.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace motcua::printer {

namespace {

// An IPP request to CUPS on our own connection; the answer's status in words
// when it failed.
std::optional<std::string> refused(ipp_t *response, const std::string &what) {
  if (!response)
    return what + ": no answer from CUPS (" + cupsLastErrorString() + ")";
  if (ippGetStatusCode(response) > IPP_STATUS_OK_CONFLICTING)
    return what + ": CUPS refused: " + ippErrorString(ippGetStatusCode(response)) + " (" +
           cupsLastErrorString() + ")";
  return std::nullopt;
}

ipp_t *printer_request(ipp_op_t op, const std::string &name) {
  ipp_t *request = ippNewRequest(op);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
               queue_uri(name).c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               cupsUser());
  return request;
}

bool host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
}

} // namespace

Result<std::vector<CupsDestination>> list_cups_queues(const CupsQueue &server) {
  auto c = connect_cups(server);
  if (!c.http)
    return unexpected(c.error);
  ipp_t *request = ippNewRequest(IPP_OP_CUPS_GET_PRINTERS);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               cupsUser());
  const char *wanted[] = {"printer-name", "printer-info", "device-uri", "printer-state"};
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                static_cast<int>(std::size(wanted)), nullptr, wanted);
  IppPtr response(cupsDoRequest(c.http.get(), request, "/"));
  // No queue at all is answered "not found": an empty list, not an error.
  if (response && ippGetStatusCode(response.get()) == IPP_STATUS_ERROR_NOT_FOUND)
    return std::vector<CupsDestination>{};
  if (auto why = refused(response.get(), "listing the printers of " + c.where))
    return unexpected(*why);
  std::vector<CupsDestination> out;
  CupsDestination current;
  // Printers come one after another, each group ended by a separator.
  for (ipp_attribute_t *a = ippFirstAttribute(response.get());;
       a = ippNextAttribute(response.get())) {
    const bool end = a == nullptr || ippGetGroupTag(a) != IPP_TAG_PRINTER;
    if (end) {
      if (!current.name.empty())
        out.push_back(current);
      current = {};
      if (a == nullptr)
        break;
      continue;
    }
    const std::string name = ippGetName(a) ? ippGetName(a) : "";
    const char *text = ippGetString(a, 0, nullptr);
    if (name == "printer-name" && text)
      current.name = text;
    else if (name == "printer-info" && text)
      current.info = text;
    else if (name == "device-uri" && text)
      current.device_uri = text;
    else if (name == "printer-state")
      current.state = ippGetInteger(a, 0);
  }
  std::sort(out.begin(), out.end(),
            [](const auto &a, const auto &b) { return a.name < b.name; });
  return out;
}

std::optional<std::string> queue_name_problem(std::string_view name) {
  if (name.empty() || name.size() > 127)
    return std::string("a printer name has 1 to 127 characters");
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
      return std::string("a printer name has letters, digits, - and _ only");
  return std::nullopt;
}

Result<std::string> receipt_printer_uri(std::string_view address) {
  const std::string plain =
      "the printer's address must be an IP address such as 192.168.1.50 or a host name";
  if (address.find("://") != std::string_view::npos)
    return unexpected(plain + ", without a scheme such as socket:// or http://");
  std::string_view host = address;
  int port = 9100;
  if (auto colon = address.rfind(':'); colon != std::string_view::npos) {
    host = address.substr(0, colon);
    const auto digits = address.substr(colon + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc() || end != digits.data() + digits.size() || port < 1 ||
        port > 65535)
      return unexpected(
          std::string("the port (after the colon) must be a number from 1 to 65535"));
  }
  if (host.empty() || host.size() > 253 ||
      !std::all_of(host.begin(), host.end(), host_char) || host.front() == '-' ||
      host.front() == '.')
    return unexpected(plain);
  return "socket://" + std::string(host) + ":" + std::to_string(port);
}

std::optional<std::string> add_raw_queue(const CupsQueue &server, const std::string &name,
                                         const std::string &device_uri,
                                         const std::string &info) {
  if (auto problem = queue_name_problem(name))
    return problem;
  auto c = connect_cups(server);
  if (!c.http)
    return c.error;
  ipp_t *add = printer_request(IPP_OP_CUPS_ADD_MODIFY_PRINTER, name);
  ippAddString(add, IPP_TAG_PRINTER, IPP_TAG_URI, "device-uri", nullptr,
               device_uri.c_str());
  ippAddString(add, IPP_TAG_PRINTER, IPP_TAG_TEXT, "printer-info", nullptr, info.c_str());
  // A raw queue: the kiosk sends ESC/POS bytes the printer understands.
  ippAddString(add, IPP_TAG_PRINTER, IPP_TAG_NAME, "ppd-name", nullptr, "raw");
  ippAddBoolean(add, IPP_TAG_PRINTER, "printer-is-accepting-jobs", 1);
  ippAddInteger(add, IPP_TAG_PRINTER, IPP_TAG_ENUM, "printer-state", IPP_PSTATE_IDLE);
  // A job that fails is dropped rather than stopping the queue for the next citizen.
  ippAddString(add, IPP_TAG_PRINTER, IPP_TAG_NAME, "printer-error-policy", nullptr,
               "abort-job");
  IppPtr added(cupsDoRequest(c.http.get(), add, "/admin/"));
  if (auto why = refused(added.get(), "adding printer " + name))
    return why;
  // As lpadmin -E: accepting and enabled, whatever the queue was before.
  IppPtr accepted(cupsDoRequest(
      c.http.get(), printer_request(IPP_OP_CUPS_ACCEPT_JOBS, name), "/admin/"));
  if (auto why = refused(accepted.get(), "letting printer " + name + " accept jobs"))
    return why;
  IppPtr resumed(cupsDoRequest(c.http.get(), printer_request(IPP_OP_RESUME_PRINTER, name),
                               "/admin/"));
  return refused(resumed.get(), "enabling printer " + name);
}

} // namespace motcua::printer
