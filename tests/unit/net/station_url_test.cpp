#include "net/client/station_client.hpp"

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

  auto ipv6 = parse_station_url("http://[::1]:8080/x");
  REQUIRE(ipv6.has_value());
  CHECK(ipv6->host == "::1");
  CHECK(ipv6->port == "8080");
}

TEST_CASE("malformed station URLs are refused with a message") {
  for (const char *url :
       {"", "127.0.0.1:8080", "https://127.0.0.1:8080", "ftp://h:1", "http://",
        "http://:8080", "http://h:", "http://h:0", "http://h:65536", "http://h:80x",
        "http://user@h:80", "http://[::1", "http://[::1]x"}) {
    CAPTURE(url);
    auto parsed = parse_station_url(url);
    CHECK_FALSE(parsed.has_value());
    if (!parsed)
      CHECK_FALSE(parsed.error().empty());
  }
}
