// HTTPS and WSS between kiosk and station with real processes: a station
// serving a self-signed certificate made by openssl, a kiosk provisioned
// against it that pins what it saw, and the same kiosk refusing a station that
// presents another certificate (a swapped server, or a man in the middle).
#include "net/client/station_client.hpp"
#include "net/client/stream_client.hpp"
#include "net/tls/certificate_pin.hpp"
#include "tests/support/process.hpp"
#include "tests/support/station_process.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <future>
#include <thread>

using namespace motcua;
using namespace motcua::testing;
using namespace std::chrono_literals;

namespace {

using Run = ProgramRun;

Run run(const std::string &dir, std::vector<std::string> argv) {
  static int n = 0;
  return run_program(std::move(argv), dir + "/run-" + std::to_string(++n) + ".log");
}

bool has(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

// A self-signed certificate as a technician makes one; returns its SHA-256.
std::string make_certificate(const std::string &dir, const std::string &name) {
  auto made = run(dir, {"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "3650",
                        "-subj", "/CN=motcua-station", "-keyout",
                        dir + "/" + name + ".key", "-out", dir + "/" + name + ".pem"});
  REQUIRE_MESSAGE(made.status == 0, made.output);
  auto printed = run(dir, {"/usr/bin/openssl", "x509", "-noout", "-fingerprint",
                           "-sha256", "-in", dir + "/" + name + ".pem"});
  REQUIRE_MESSAGE(printed.status == 0, printed.output);
  // "sha256 Fingerprint=AB:CD:..."
  auto fingerprint = net::parse_sha256_fingerprint(
      printed.output.substr(printed.output.find('=') + 1, 95));
  REQUIRE_MESSAGE(fingerprint.has_value(), printed.output);
  return *fingerprint;
}

std::vector<std::string> tls_args(const std::string &dir, const std::string &name) {
  return {"--tls-cert", dir + "/" + name + ".pem", "--tls-key",
          dir + "/" + name + ".key"};
}

Result<Catalog, net::StationError> catalog_from(const net::StationAddress &address) {
  net::StationClient client(address, 5000ms);
  std::promise<Result<Catalog, net::StationError>> done;
  client.fetch_catalog([&](Result<Catalog, net::StationError> r) { done.set_value(r); });
  return done.get_future().get();
}

net::StationAddress address_of(const StationProcess &station, const std::string &pin) {
  auto address = net::parse_station_url(station.url());
  REQUIRE(address.has_value());
  address->certificate_sha256 = pin;
  return *address;
}

} // namespace

TEST_CASE(
    "a kiosk enrolled over https pins the station certificate and refuses another") {
  const auto dir = fresh_dir("station-tls");
  const std::string first = make_certificate(dir, "first");
  const std::string second = make_certificate(dir, "second");
  REQUIRE(first != second);
  StationProcess station(dir + "/station", tls_args(dir, "first"));
  REQUIRE(station.url().starts_with("https://"));
  CHECK(has(read_file(station.dir + "/station.log"), "TLS certificate SHA-256 " + first));

  auto code =
      run(dir, {MOTCUA_STATION_BIN, "admin", "enrollment-code", "--data", station.dir});
  REQUIRE_MESSAGE(code.status == 0, code.output);
  const std::string config = dir + "/kiosk.json";
  auto provisioned =
      run(dir, {MOTCUA_KIOSK_BIN, "provision", "--server", station.url(), "--code",
                code.output.substr(0, code.output.find('\n')), "--direct", "127.0.0.1:9",
                "--config", config, "--state-dir", dir + "/state"});
  REQUIRE_MESSAGE(provisioned.status == 0, provisioned.output);
  CHECK(has(provisioned.output, "station certificate SHA-256 " + first));
  CHECK(has(read_file(config), R"("station_certificate_sha256":")" + first + "\""));
  auto doctor = run(dir, {MOTCUA_KIOSK_BIN, "doctor", "--config", config});
  CHECK_MESSAGE(has(doctor.output, "token accepted by the station: ok"), doctor.output);

  // The pinned certificate: HTTPS answers and the WSS stream connects.
  auto catalog = catalog_from(address_of(station, first));
  REQUIRE_MESSAGE(catalog.has_value(), (catalog ? "" : catalog.error().message));
  CHECK(!catalog->services.empty());
  {
    std::promise<void> up;
    std::atomic<bool> said{false};
    net::StreamClient stream(
        address_of(station, first), [](WaitingCounts) {},
        [&](bool connected) {
          if (connected && !said.exchange(true))
            up.set_value();
        },
        [] { return 0.5; });
    CHECK(up.get_future().wait_for(10s) == std::future_status::ready);
  }

  // Plain HTTP to the TLS port gets no answer it could take for the station's.
  auto plain = net::parse_station_url("http://127.0.0.1:" + station.port);
  REQUIRE(plain.has_value());
  CHECK_FALSE(catalog_from(*plain).has_value());

  // Another certificate on the same address: refused before a byte of the
  // request is sent, and doctor says why.
  station.extra_args = tls_args(dir, "second");
  station.start(station.port);
  auto refused = catalog_from(address_of(station, first));
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().kind == net::StationError::Kind::unreachable);
  CHECK_MESSAGE(has(refused.error().message, "SHA-256 " + second),
                refused.error().message);
  CHECK(has(refused.error().message, "not the one pinned"));
  auto broken = run(dir, {MOTCUA_KIOSK_BIN, "doctor", "--config", config});
  CHECK(broken.status == 1);
  CHECK_MESSAGE(has(broken.output, "not the one pinned"), broken.output);

  // A technician who gives the fingerprint to expect is refused by the wrong station.
  auto code2 =
      run(dir, {MOTCUA_STATION_BIN, "admin", "enrollment-code", "--data", station.dir});
  auto mismatch = run(dir, {MOTCUA_KIOSK_BIN, "provision", "--server", station.url(),
                            "--code", code2.output.substr(0, code2.output.find('\n')),
                            "--direct", "127.0.0.1:9", "--cert-sha256", first, "--config",
                            dir + "/other.json", "--state-dir", dir + "/other-state"});
  CHECK(mismatch.status == 1);
  CHECK_MESSAGE(has(mismatch.output, "not the one pinned"), mismatch.output);
}
