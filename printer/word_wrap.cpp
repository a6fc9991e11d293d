#include "printer/word_wrap.hpp"

#include <algorithm>
#include <cstddef>

namespace motcua::printer {
namespace {

std::vector<std::string> split_words(const std::string &text) {
  std::vector<std::string> words;
  std::string current;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!current.empty())
        words.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty())
    words.push_back(std::move(current));
  return words;
}

// Byte length of the UTF-8 sequence starting with `lead` (1 for stray bytes).
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0)
    return 4;
  if (lead >= 0xE0)
    return 3;
  if (lead >= 0xC0)
    return 2;
  return 1;
}

bool is_combining_mark_at(const std::string &s, std::size_t i) {
  // U+0300..U+036F encode as CC 80..CD AF: decomposed Vietnamese tone marks.
  if (i + 1 >= s.size())
    return false;
  const auto b0 = static_cast<unsigned char>(s[i]);
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  return b0 == 0xCC || (b0 == 0xCD && b1 <= 0xAF);
}

// Pieces of one word, each a run of whole characters that fits max_width
// (a single character that does not fit still forms a piece of its own).
std::vector<std::string> break_word(const std::string &word, int max_width,
                                    const MeasureText &measure) {
  std::vector<std::string> pieces;
  std::string current;
  std::size_t i = 0;
  while (i < word.size()) {
    std::size_t end = i + sequence_length(static_cast<unsigned char>(word[i]));
    while (end < word.size() && is_combining_mark_at(word, end))
      end += 2;
    end = std::min(end, word.size());
    std::string character = word.substr(i, end - i);
    if (!current.empty() && measure(current + character) > max_width) {
      pieces.push_back(std::move(current));
      current.clear();
    }
    current += character;
    i = end;
  }
  if (!current.empty())
    pieces.push_back(std::move(current));
  return pieces;
}

} // namespace

std::vector<std::string> wrap_words(const std::string &text, int max_width,
                                    const MeasureText &measure) {
  std::vector<std::string> lines;
  std::string line;
  for (const auto &word : split_words(text)) {
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (measure(candidate) <= max_width) {
      line = candidate;
      continue;
    }
    if (!line.empty())
      lines.push_back(std::move(line));
    line.clear();
    if (measure(word) <= max_width) {
      line = word;
      continue;
    }
    auto pieces = break_word(word, max_width, measure);
    for (std::size_t p = 0; p + 1 < pieces.size(); ++p)
      lines.push_back(std::move(pieces[p]));
    line = std::move(pieces.back());
  }
  if (!line.empty() || lines.empty())
    lines.push_back(std::move(line));
  return lines;
}

} // namespace motcua::printer
