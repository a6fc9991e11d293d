#include "printer/escpos_status.hpp"

namespace motcua::printer {

Result<PrinterStatus> query_escpos_status(TcpStream &stream, int timeout_ms) {
  const std::vector<std::uint8_t> queries(kDleEotQueries.begin(), kDleEotQueries.end());
  if (auto sent = stream.write_all(queries, timeout_ms); !sent)
    return unexpected(sent.error());
  auto answer = stream.read_exact(3, timeout_ms);
  if (!answer)
    return unexpected("status (DLE EOT): " + answer.error());
  const auto &a = answer.value();
  return status_from_dle_eot(a[0], a[1], a[2]);
}

Result<PrinterStatus> query_escpos_status(const HostPort &printer, int timeout_ms) {
  auto stream = TcpStream::connect(printer, timeout_ms);
  if (!stream)
    return unexpected(stream.error());
  auto status = query_escpos_status(stream.value(), timeout_ms);
  stream->finish(timeout_ms);
  return status;
}

} // namespace motcua::printer
