#include "kiosk/app/texts.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace motcua;
using namespace motcua::kiosk;

namespace {

Texts load(std::string_view language) {
  auto r = Texts::load_language(MOTCUA_ASSETS_DIR, language);
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error()));
  return r.value();
}

// Decodes UTF-8; false on a malformed sequence.
bool decode_utf8(const std::string &s, std::u32string &out) {
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    int extra = b < 0x80           ? 0
                : (b >> 5) == 0x6  ? 1
                : (b >> 4) == 0xE  ? 2
                : (b >> 3) == 0x1E ? 3
                                   : -1;
    if (extra < 0 || i + static_cast<std::size_t>(extra) >= s.size())
      return false;
    char32_t cp = extra == 0 ? b : (b & (0x3F >> extra));
    for (int k = 1; k <= extra; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      if ((c >> 6) != 0x2)
        return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    out.push_back(cp);
    i += extra + 1;
  }
  return true;
}

// Our assets are precomposed (NFC): a combining mark means someone pasted NFD text.
bool has_combining_mark(const std::u32string &text) {
  for (char32_t c : text)
    if (c >= 0x0300 && c <= 0x036F) // includes U+0323, the dot below
      return true;
  return false;
}

} // namespace

TEST_CASE("both language files load and define the same keys") {
  auto vi = load("vi");
  auto en = load("en");
  CHECK(vi.language() == "vi");
  CHECK(en.language() == "en");
  std::string vi_keys, en_keys;
  for (const auto &[k, v] : vi.strings())
    vi_keys += k + "\n";
  for (const auto &[k, v] : en.strings())
    en_keys += k + "\n";
  CHECK(vi_keys == en_keys);
  for (auto key : required_text_keys()) {
    CHECK_MESSAGE(vi.strings().count(std::string(key)) == 1, key);
    CHECK_MESSAGE(en.strings().count(std::string(key)) == 1, key);
  }
}

TEST_CASE("every string in the language files is valid UTF-8 with precomposed marks") {
  for (auto language : {"vi", "en"}) {
    auto texts = load(language);
    for (const auto &[key, value] : texts.strings()) {
      std::u32string decoded;
      CHECK_MESSAGE(decode_utf8(value, decoded), language << " " << key);
      CHECK_MESSAGE(!has_combining_mark(decoded), language << " " << key);
    }
  }
  // The check itself must catch a decomposed string: "ế" as e + U+0302 + U+0301.
  std::u32string decomposed;
  REQUIRE(decode_utf8("e\xCC\x82\xCC\x81", decomposed));
  CHECK(has_combining_mark(decomposed));
}

TEST_CASE("format replaces named placeholders and keeps unknown ones") {
  auto vi = load("vi");
  CHECK(vi.get("ticket.title") == "PHIẾU SỐ THỨ TỰ");
  CHECK(vi.format("ticket.people_ahead", {{"n", "5"}}) == "Số người đang chờ: 5");
  CHECK(vi.format("ticket.estimated_wait", {{"m", "20"}}) == "Dự kiến: ~20 phút");
  std::vector<TextArg> args{{"a", "1"}};
  CHECK(substitute("{a}-{b}-{", args) == "1-{b}-{");
  CHECK(substitute("x{a}{a}", args) == "x11");
}

TEST_CASE("an unknown key shows the key instead of crashing") {
  auto en = load("en");
  CHECK(en.get("no.such.key") == "no.such.key");
}

TEST_CASE("a language file missing a required key is refused, naming the key") {
  auto r =
      Texts::parse(R"({"language":"vi","strings":{"home.title":"Lấy số"}})", "vi.json");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().find("vi.json: strings.home.prompt: is missing") != std::string::npos);
}

TEST_CASE("malformed language files are refused with the field named") {
  auto not_json = Texts::parse("{", "x.json");
  REQUIRE_FALSE(not_json.has_value());
  CHECK(not_json.error().find("x.json: (top level)") == 0);

  auto no_language = Texts::parse(R"({"strings":{}})", "x.json");
  REQUIRE_FALSE(no_language.has_value());
  CHECK(no_language.error().find("language") != std::string::npos);

  auto number = Texts::parse(R"({"language":"vi","strings":{"home.title":5}})", "x.json");
  REQUIRE_FALSE(number.has_value());
  CHECK(number.error().find("strings.home.title: must be a string") != std::string::npos);

  auto missing_file = Texts::load("/nonexistent/zz.json");
  REQUIRE_FALSE(missing_file.has_value());
  CHECK(missing_file.error().find("/nonexistent/zz.json: cannot open") == 0);
}
