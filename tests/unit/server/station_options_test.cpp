#include "net/system/atomic_file.hpp"
#include "server/station_options.hpp"
#include "tests/unit/server/test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace motcua::station;

TEST_CASE("defaults apply when no option is given") {
  auto options = parse_station_options({}, "/assets/catalog/default.json");
  REQUIRE(options.has_value());
  CHECK(options->listen.host == "127.0.0.1");
  CHECK(options->listen.port == 8080);
  CHECK(options->catalog_file == "/assets/catalog/default.json");
  CHECK(options->time_zone == "Asia/Ho_Chi_Minh");
  CHECK(options->port_file.empty());
  CHECK_FALSE(options->show_help);
}

TEST_CASE("every option is read, with a space or an equals sign") {
  auto options = parse_station_options({"--listen", "0.0.0.0:0", "--data=/tmp/d",
                                        "--catalog", "c.json", "--timezone", "UTC",
                                        "--port-file", "/tmp/p", "--version", "--help"},
                                       "default.json");
  REQUIRE(options.has_value());
  CHECK(options->listen.host == "0.0.0.0");
  CHECK(options->listen.port == 0);
  CHECK(options->data_dir == "/tmp/d");
  CHECK(options->catalog_file == "c.json");
  CHECK(options->time_zone == "UTC");
  CHECK(options->port_file == "/tmp/p");
  CHECK(options->show_version);
  CHECK(options->show_help);
}

TEST_CASE("bad options are refused with a message") {
  CHECK_FALSE(parse_station_options({"--bogus"}, "").has_value());
  CHECK(parse_station_options({"--bogus"}, "").error().find("unknown option") !=
        std::string::npos);
  CHECK_FALSE(parse_station_options({"--data"}, "").has_value());
  CHECK_FALSE(parse_station_options({"--data="}, "").has_value());
  CHECK_FALSE(parse_station_options({"--listen", "8080"}, "").has_value());
  CHECK_FALSE(parse_station_options({"--listen", "127.0.0.1:70000"}, "").has_value());
  CHECK_FALSE(parse_station_options({"--listen", "127.0.0.1:http"}, "").has_value());
}

TEST_CASE("listen addresses accept IPv6 in brackets") {
  auto address = parse_listen_address("[::1]:9000");
  REQUIRE(address.has_value());
  CHECK(address->host == "::1");
  CHECK(address->port == 9000);
}

TEST_CASE("a file written atomically holds exactly the new content") {
  test::TempDir dir;
  const auto path = (dir.path() / "port").string();
  REQUIRE_FALSE(motcua::write_file_atomically(path, "old\n").has_value());
  REQUIRE_FALSE(motcua::write_file_atomically(path, "41234\n").has_value());
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str() == "41234\n");
  // No temporary file is left behind.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 1);
  CHECK(motcua::write_file_atomically((dir.path() / "missing" / "port").string(), "1")
            .has_value());
}
