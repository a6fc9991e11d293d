#pragma once
// The words on screen, one file per language (assets/i18n/<language>.json).
// Loading checks every key the kiosk uses, so a missing word fails at start-up
// and in tests, never as a blank on the screen.
#include "net/protocol/result.hpp"

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace motcua::kiosk {

// Every key the kiosk reads; both language files must define all of them.
std::span<const std::string_view> required_text_keys();

struct TextArg {
  std::string_view name; // "n" replaces "{n}"
  std::string value;
};

class Texts {
public:
  static Result<Texts, std::string> parse(std::string_view json_text,
                                          std::string_view source);
  static Result<Texts, std::string> load(const std::string &path);
  // assets_dir/i18n/<language>.json
  static Result<Texts, std::string> load_language(const std::string &assets_dir,
                                                  std::string_view language);

  const std::string &language() const { return language_; }
  const std::map<std::string, std::string, std::less<>> &strings() const {
    return strings_;
  }

  // An unknown key yields the key itself: visible to a technician, never a crash.
  std::string get(std::string_view key) const;
  // "{name}" placeholders replaced by the matching argument; others left as written.
  std::string format(std::string_view key, std::initializer_list<TextArg> args) const;

private:
  std::string language_;
  std::map<std::string, std::string, std::less<>> strings_;
};

// The keys of `keys` that `texts` lacks (e.g. "reason.<key>" for configured reasons).
std::vector<std::string> missing_text_keys(const Texts &texts,
                                           std::span<const std::string> keys);

// Replaces "{name}" placeholders in `pattern`; unknown names stay as written.
std::string substitute(std::string_view pattern, std::span<const TextArg> args);

} // namespace motcua::kiosk
