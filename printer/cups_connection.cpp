#include "printer/cups_connection.hpp"

#include "printer/cups_server_address.hpp"

namespace motcua::printer {
namespace {

// Any wait longer than the configured limit means the server is not going to
// answer: give up instead of letting libcups retry for minutes.
int give_up(http_t *, void *) { return 0; }

std::string describe(const CupsServerAddress &a) {
  return a.host.front() == '/' ? a.host : a.host + ":" + std::to_string(a.port);
}

CupsConnection open(const std::string &host, int port, const std::string &where,
                    int timeout_ms) {
  CupsConnection c;
  c.where = where;
  c.http.reset(httpConnect2(host.c_str(), port, nullptr, AF_UNSPEC,
                            HTTP_ENCRYPTION_IF_REQUESTED, 1, timeout_ms, nullptr));
  if (!c.http) {
    // errno is not reliable here: libcups closes sockets on the way out.
    c.error = "cannot connect to " + where + " (refused, or no answer within " +
              std::to_string(timeout_ms) + " ms)";
    return c;
  }
  httpSetTimeout(c.http.get(), timeout_ms / 1000.0, give_up, nullptr);
  return c;
}

} // namespace

CupsConnection connect_cups(const CupsQueue &queue) {
  const std::string server = queue.server.empty() ? cupsServer() : queue.server;
  const auto address = parse_cups_server(server, ippPort());
  if (address.host.empty()) {
    CupsConnection c;
    c.where = "(no server)";
    c.error = "no CUPS server configured";
    return c;
  }
  auto c = open(address.host, address.port, describe(address), queue.timeout_ms);
  if (!c.http)
    c.error = "CUPS: " + c.error;
  return c;
}

CupsConnection connect_ipp_uri(const std::string &uri, int timeout_ms,
                               std::string *resource) {
  char scheme[32], user[256], host[256], path[1024];
  int port = 0;
  if (httpSeparateURI(HTTP_URI_CODING_ALL, uri.c_str(), scheme, sizeof scheme, user,
                      sizeof user, host, sizeof host, &port, path,
                      sizeof path) < HTTP_URI_STATUS_OK) {
    CupsConnection c;
    c.where = uri;
    c.error = "not a printer address: " + uri;
    return c;
  }
  if (resource != nullptr)
    *resource = path;
  return open(host, port, uri, timeout_ms);
}

std::string queue_uri(const std::string &queue) {
  char uri[HTTP_MAX_URI];
  httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost",
                   ippPort(), "/printers/%s", queue.c_str());
  return uri;
}

std::vector<std::string> ipp_strings(ipp_t *response, const char *name) {
  std::vector<std::string> out;
  ipp_attribute_t *a =
      response == nullptr ? nullptr : ippFindAttribute(response, name, IPP_TAG_ZERO);
  for (int i = 0; a != nullptr && i < ippGetCount(a); ++i)
    if (const char *s = ippGetString(a, i, nullptr))
      out.emplace_back(s);
  return out;
}

int ipp_int(ipp_t *response, const char *name, int missing) {
  ipp_attribute_t *a =
      response == nullptr ? nullptr : ippFindAttribute(response, name, IPP_TAG_ZERO);
  if (a == nullptr)
    return missing;
  const auto tag = ippGetValueTag(a);
  return tag == IPP_TAG_INTEGER || tag == IPP_TAG_ENUM ? ippGetInteger(a, 0) : missing;
}

bool ipp_bool(ipp_t *response, const char *name, bool missing) {
  ipp_attribute_t *a =
      response == nullptr ? nullptr : ippFindAttribute(response, name, IPP_TAG_BOOLEAN);
  return a == nullptr ? missing : ippGetBoolean(a, 0) != 0;
}

} // namespace motcua::printer
