#include "net/client/station_client.hpp"
#include "net/tls/certificate_pin.hpp"

#include <doctest/doctest.h>

using motcua::net::parse_station_url;

TEST_CASE("station URLs give host and port and ignore the path") {
  auto plain = parse_station_url("http://127.0.0.1:8080");
  REQUIRE(plain.has_value());
  CHECK(plain->host == "127.0.0.1");
  CHECK(plain->port == "8080");

  auto with_path = parse_station_url("http://station.local:9000/api/v1/");
  REQUIRE(with_path.has_value());
  CHECK(with_path->host == "station.local");
  CHECK(with_path->port == "9000");

  auto no_port = parse_station_url("http://10.0.0.5/");
  REQUIRE(no_port.has_value());
  CHECK(no_port->port == "80");

  auto secure = parse_station_url("https://station.local:8443/");
  REQUIRE(secure.has_value());
  CHECK(secure->tls);
  CHECK(secure->port == "8443");
  CHECK_FALSE(plain->tls);
  auto secure_default = parse_station_url("https://10.0.0.5");
  REQUIRE(secure_default.has_value());
  CHECK(secure_default->port == "443");

  auto ipv6 = parse_station_url("http://[::1]:8080/x");
  REQUIRE(ipv6.has_value());
  CHECK(ipv6->host == "::1");
  CHECK(ipv6->port == "8080");
}

TEST_CASE("malformed station URLs are refused with a message") {
  for (const char *url :
       {"", "127.0.0.1:8080", "https://", "ftp://h:1", "http://", "http://:8080",
        "http://h:", "http://h:0", "http://h:65536", "http://h:80x", "http://user@h:80",
        "http://[::1", "http://[::1]x"}) {
    CAPTURE(url);
    auto parsed = parse_station_url(url);
    CHECK_FALSE(parsed.has_value());
    if (!parsed)
      CHECK_FALSE(parsed.error().empty());
  }
}

TEST_CASE("certificate fingerprints are read as openssl prints them or as plain hex") {
  const std::string hex =
      "601d66a428e8580922b14153d82bac71277b0a9f02b2344c7206c15d94f828f8";
  auto printed =
      motcua::net::parse_sha256_fingerprint("60:1D:66:A4:28:E8:58:09:22:B1:41:53:D8:2B:"
                                            "AC:71:27:7B:0A:9F:02:B2:34:4C:72:06:C1:5D:"
                                            "94:F8:28:F8");
  REQUIRE(printed.has_value());
  CHECK(*printed == hex);
  CHECK(motcua::net::parse_sha256_fingerprint(hex).value() == hex);
  CHECK_FALSE(motcua::net::parse_sha256_fingerprint(hex.substr(2)).has_value());
  CHECK_FALSE(motcua::net::parse_sha256_fingerprint(hex.substr(1) + "g").has_value());
}
