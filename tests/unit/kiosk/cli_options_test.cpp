#include "kiosk/app/cli_options.hpp"

#include <doctest/doctest.h>

using namespace motcua::kiosk;

TEST_CASE("the command line takes config, window, assets and script options") {
  auto r = parse_cli({"--config", "k.json", "--size", "1080x1920", "--assets", "/a",
                      "--script", "s.txt"},
                     "/default");
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error()));
  CHECK(r->config_path == "k.json");
  CHECK(r->windowed); // --size implies a window
  CHECK(r->width == 1080);
  CHECK(r->height == 1920);
  CHECK(r->assets_dir == "/a");
  CHECK(r->script_path == "s.txt");
}

TEST_CASE("defaults: full screen 1920x1080 and the baked-in assets") {
  auto r = parse_cli({"--config", "k.json"}, "/default");
  REQUIRE(r.has_value());
  CHECK_FALSE(r->windowed);
  CHECK(r->width == 1920);
  CHECK(r->height == 1080);
  CHECK(r->assets_dir == "/default");
  CHECK(r->script_path.empty());
  auto windowed = parse_cli({"--windowed", "--config", "k.json"}, "/default");
  REQUIRE(windowed.has_value());
  CHECK(windowed->windowed);
}

TEST_CASE("help needs no config and everything else does") {
  auto help = parse_cli({"--help"}, "/d");
  REQUIRE(help.has_value());
  CHECK(help->help);
  CHECK(cli_usage().find("--script FILE") != std::string::npos);

  struct Case {
    std::vector<std::string> args;
    const char *error;
  };
  const Case cases[] = {
      {{}, "--config FILE is required"},
      {{"--config"}, "--config needs a FILE"},
      {{"--config", "k", "--size", "big"}, "--size needs WxH"},
      {{"--config", "k", "--size", "10x10"}, "--size needs WxH"},
      {{"--config", "k", "--size", "1920x"}, "--size needs WxH"},
      {{"--config", "k", "--fullscreen"}, "unknown option --fullscreen"},
      {{"--config", "k", "--script"}, "--script needs a FILE"},
  };
  for (const auto &c : cases) {
    auto r = parse_cli(c.args, "/d");
    REQUIRE_FALSE(r.has_value());
    CHECK_MESSAGE(r.error().find(c.error) == 0, r.error());
  }
}
