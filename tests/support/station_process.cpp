#include "tests/support/station_process.hpp"

#include <algorithm>
#include <filesystem>
#include <future>
#include <stdexcept>

namespace motcua::testing {

using namespace std::chrono_literals;

StationProcess::StationProcess(std::string data_dir, std::vector<std::string> extra)
    : dir(std::move(data_dir)), extra_args(std::move(extra)) {
  start();
}

bool StationProcess::tls() const {
  return std::find(extra_args.begin(), extra_args.end(), "--tls-cert") !=
         extra_args.end();
}

void StationProcess::start(const std::string &listen_port) {
  // The log file is opened before the station runs (and creates its data folder).
  std::filesystem::create_directories(dir);
  std::filesystem::remove(dir + "/port");
  std::vector<std::string> argv{
      MOTCUA_STATION_BIN, "--listen", "127.0.0.1:" + listen_port, "--data", dir,
      "--port-file", dir + "/port",
      // Tests run at any hour, and act as a kiosk from loopback.
      "--issuing-hours", "always", "--open-kiosk-api"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  process = std::make_unique<ChildProcess>(argv, std::map<std::string, std::string>{},
                                           dir + "/station.log");
  port = wait_for_file(dir + "/port", 20s);
  while (!port.empty() && (port.back() == '\n' || port.back() == ' '))
    port.pop_back();
  if (port.empty())
    throw std::runtime_error("motcua-station did not start: " +
                             read_file(dir + "/station.log"));
}

Result<Ticket, net::StationError> issue_ticket_sync(net::StationClient &client,
                                                    const std::string &service,
                                                    const std::string &idempotency_key) {
  std::promise<Result<Ticket, net::StationError>> done;
  auto answer = done.get_future();
  client.issue_ticket(
      TicketRequest{service, std::nullopt, idempotency_key},
      [&](Result<Ticket, net::StationError> r) { done.set_value(std::move(r)); });
  return answer.get();
}

} // namespace motcua::testing
