#include "kiosk/app/texts.hpp"

#include "kiosk/app/read_file.hpp"

#include <boost/json.hpp>

#include <array>
#include <vector>

namespace motcua::kiosk {
namespace json = boost::json;

std::span<const std::string_view> required_text_keys() {
  static constexpr std::array<std::string_view, 64> keys = {
      "home.title",
      "home.prompt",
      "home.connecting",
      "choice.title",
      "choice.prompt",
      "choice.arrival",
      "choice.arrival_hint",
      "choice.departure",
      "choice.departure_hint",
      "service.waiting",
      "service.closed.out_of_service",
      "service.closed.outside_hours",
      "service.closed.daily_cap",
      "closed.title",
      "closed.out_of_service",
      "closed.outside_hours",
      "closed.daily_cap",
      "priority.title",
      "priority.prompt",
      "priority.skip",
      "issuing.message",
      "ticket.title",
      "ticket.people_ahead",
      "ticket.estimated_wait",
      "ticket.you_are_next",
      "ticket.please_wait",
      "ticket.printing",
      "ticket.printed",
      "ticket.print_failed",
      "printer.notice",
      "error.server_unreachable",
      "error.ticket_refused",
      "error.no_offline_numbers",
      "error.tap_to_continue",
      "rating.title",
      "rating.prompt",
      "rating.linked",
      "level.very_satisfied",
      "level.satisfied",
      "level.neutral",
      "level.dissatisfied",
      "level.very_dissatisfied",
      "reasons.prompt",
      "reasons.send",
      "reasons.skip",
      "reason.waiting_time",
      "reason.officer_attitude",
      "reason.guidance",
      "reason.facilities",
      "reason.repeat_visits",
      "reason.other",
      "entry.title",
      "entry.prompt",
      "entry.ok",
      "entry.erase",
      "entry.skip",
      "entry.already_rated",
      "thanks.title",
      "thanks.message",
      "attract.title",
      "attract.message",
      "common.language",
      "common.home",
      "common.countdown",
  };
  return keys;
}

std::vector<std::string> missing_text_keys(const Texts &texts,
                                           std::span<const std::string> keys) {
  std::vector<std::string> missing;
  for (const auto &key : keys)
    if (!texts.strings().count(key))
      missing.push_back(key);
  return missing;
}

Result<Texts, std::string> Texts::parse(std::string_view json_text,
                                        std::string_view source) {
  auto fail = [&](std::string_view field, std::string_view why) {
    return unexpected(std::string(source) + ": " + std::string(field) + ": " +
                      std::string(why));
  };
  json::error_code ec;
  auto root = json::parse(json_text, ec);
  if (ec)
    return fail("(top level)", "is not valid JSON (" + ec.message() + ")");
  if (!root.is_object())
    return fail("(top level)", "must be an object");
  const auto &top = root.as_object();

  Texts texts;
  const auto *language = top.if_contains("language");
  if (!language || !language->is_string() || language->as_string().empty())
    return fail("language", "must be a non-empty string");
  texts.language_ = std::string(language->as_string());

  const auto *strings = top.if_contains("strings");
  if (!strings || !strings->is_object())
    return fail("strings", "must be an object");
  for (const auto &[key, value] : strings->as_object()) {
    if (!value.is_string())
      return fail("strings." + std::string(key), "must be a string");
    texts.strings_.emplace(std::string(key), std::string(value.as_string()));
  }
  for (auto key : required_text_keys()) {
    auto it = texts.strings_.find(key);
    if (it == texts.strings_.end())
      return fail("strings." + std::string(key), "is missing");
    if (it->second.empty())
      return fail("strings." + std::string(key), "must not be empty");
  }
  return texts;
}

Result<Texts, std::string> Texts::load(const std::string &path) {
  auto text = read_text_file(path);
  if (!text)
    return unexpected(path + ": " + text.error());
  return parse(*text, path);
}

Result<Texts, std::string> Texts::load_language(const std::string &assets_dir,
                                                std::string_view language) {
  return load(assets_dir + "/i18n/" + std::string(language) + ".json");
}

std::string Texts::get(std::string_view key) const {
  auto it = strings_.find(key);
  return it == strings_.end() ? std::string(key) : it->second;
}

std::string Texts::format(std::string_view key,
                          std::initializer_list<TextArg> args) const {
  std::vector<TextArg> list(args);
  return substitute(get(key), list);
}

std::string substitute(std::string_view pattern, std::span<const TextArg> args) {
  std::string out;
  out.reserve(pattern.size());
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      auto close = pattern.find('}', i + 1);
      if (close != std::string_view::npos) {
        auto name = pattern.substr(i + 1, close - i - 1);
        const TextArg *match = nullptr;
        for (const auto &arg : args)
          if (arg.name == name)
            match = &arg;
        if (match) {
          out += match->value;
          i = close + 1;
          continue;
        }
      }
    }
    out += pattern[i++];
  }
  return out;
}

} // namespace motcua::kiosk
