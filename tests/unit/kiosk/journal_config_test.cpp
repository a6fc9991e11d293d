#include "kiosk/app/kiosk_config.hpp"

#include <doctest/doctest.h>

using namespace motcua::kiosk;

namespace {

KioskConfig parsed(const std::string &extra) {
  auto r = parse_kiosk_config(R"({"format_version":1,"station_url":"http://127.0.0.1:8080",
                                  "printer":{"queue":"q"})" +
                                  extra + "}",
                              "kiosk.json");
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().to_string()));
  return r.value();
}

} // namespace

TEST_CASE("the journal lives beside the config unless the unit or the config says otherwise") {
  const KioskConfig plain = parsed("");
  CHECK(plain.journal_retention_days == 7);
  CHECK(resolve_journal_path(plain, "/etc/motcua/kiosk.json", "") ==
        "/etc/motcua/journal.db");
  CHECK(resolve_journal_path(plain, "kiosk.json", "") == "./journal.db");
  CHECK(resolve_journal_path(plain, "/etc/motcua/kiosk.json", "/var/lib/motcua-kiosk") ==
        "/var/lib/motcua-kiosk/journal.db");
  CHECK(resolve_journal_path(plain, "/etc/kiosk.json", "/var/lib/a:/var/lib/b") ==
        "/var/lib/a/journal.db");

  const KioskConfig dir = parsed(R"(,"state_dir":"/srv/kiosk/")");
  CHECK(resolve_journal_path(dir, "/etc/motcua/kiosk.json", "/var/lib/x") ==
        "/srv/kiosk/journal.db");
  const KioskConfig file =
      parsed(R"(,"state_dir":"/srv/kiosk","journal_path":"/data/j.db","journal_retention_days":30)");
  CHECK(resolve_journal_path(file, "/etc/motcua/kiosk.json", "") == "/data/j.db");
  CHECK(file.journal_retention_days == 30);
}

TEST_CASE("journal settings of the wrong type or range are refused") {
  for (const char *bad : {R"("state_dir":3)", R"("journal_path":true)",
                          R"("journal_retention_days":0)", R"("journal_retention_days":"7")"}) {
    CAPTURE(bad);
    auto r = parse_kiosk_config(
        std::string(R"({"format_version":1,"station_url":"http://127.0.0.1:8080",
                       "printer":{"queue":"q"},)") +
            bad + "}",
        "kiosk.json");
    CHECK_FALSE(r.has_value());
  }
}
