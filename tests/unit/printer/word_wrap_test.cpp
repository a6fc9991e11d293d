#include "printer/word_wrap.hpp"

#include <doctest/doctest.h>

using namespace motcua::printer;

namespace {
// Ten units per code point: widths are easy to reason about.
int code_points(const std::string &s) {
  int n = 0;
  for (unsigned char c : s)
    n += (c & 0xC0) != 0x80;
  return n * 10;
}
} // namespace

TEST_CASE("words fill a line greedily and wrap at spaces") {
  const auto lines = wrap_words("Cư trú và tạm trú", 100, code_points);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "Cư trú và"); // 9 code points
  CHECK(lines[1] == "tạm trú");
}

TEST_CASE("runs of spaces collapse and empty text gives one empty line") {
  CHECK(wrap_words("  a   b  ", 100, code_points) == std::vector<std::string>{"a b"});
  CHECK(wrap_words("", 100, code_points) == std::vector<std::string>{""});
}

TEST_CASE("a word wider than the line is broken between characters") {
  const auto lines = wrap_words("ab CHỨNGTHỰCBẢNSAO x", 50, code_points);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] == "ab");
  CHECK(lines[1] == "CHỨNG");
  CHECK(lines[2] == "THỰCB");
  CHECK(lines[3] == "ẢNSAO");
  CHECK(lines[4] == "x");
}

TEST_CASE("a decomposed tone mark stays with its letter when a word is broken") {
  // "Ê" + U+0301 (combining acute) counts as two code points but one character.
  const std::string word = "AB\xC3\x8A\xCC\x81"
                           "CD";
  const auto lines = wrap_words(word, 20, code_points);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "AB");
  CHECK(lines[1] == "\xC3\x8A\xCC\x81");
  CHECK(lines[2] == "CD");
}
