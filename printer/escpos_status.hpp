#pragma once
// A network ESC/POS printer's real-time status, asked directly over TCP with
// DLE EOT 1, 2 and 4. Blocking and bounded: run on a printer worker thread.
#include "net/protocol/result.hpp"
#include "printer/printer_status.hpp"
#include "printer/tcp_stream.hpp"

#include <array>
#include <cstdint>

namespace motcua::printer {

// The three requests, in the order the answers come back.
inline constexpr std::array<std::uint8_t, 9> kDleEotQueries{0x10, 0x04, 1,    0x10, 0x04,
                                                            2,    0x10, 0x04, 4};

// Printers that do not answer DLE EOT give an error (not a status).
Result<PrinterStatus> query_escpos_status(const HostPort &printer, int timeout_ms);
// Same, on a connection already open (e.g. before sending a job).
Result<PrinterStatus> query_escpos_status(TcpStream &stream, int timeout_ms);

} // namespace motcua::printer
