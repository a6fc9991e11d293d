#pragma once
// motcua-station as a real child process on a loopback port it picks itself.
#include "net/client/station_client.hpp"
#include "tests/support/process.hpp"

#include <memory>
#include <string>
#include <vector>

namespace motcua::testing {

struct StationProcess {
  std::string dir; // --data; also holds the port file and the log
  std::unique_ptr<ChildProcess> process;
  std::string port;

  std::vector<std::string> extra_args; // e.g. --tls-cert FILE --tls-key FILE

  explicit StationProcess(std::string data_dir, std::vector<std::string> extra = {});
  // (Re)starts on the same data folder; `listen_port` "0" picks a free port,
  // `port` keeps the last one (clients that know the address reconnect).
  void start(const std::string &listen_port = "0");
  bool tls() const;
  std::string url() const {
    return (tls() ? "https://127.0.0.1:" : "http://127.0.0.1:") + port;
  }
  std::string database() const { return dir + "/station.db"; }
};

// Blocks until the client's callback answers.
Result<Ticket, net::StationError> issue_ticket_sync(net::StationClient &client,
                                                    const std::string &service,
                                                    const std::string &idempotency_key);

} // namespace motcua::testing
