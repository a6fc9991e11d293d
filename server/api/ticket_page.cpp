#include "server/api/ticket_page.hpp"

#include "net/protocol/rating.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <utility>
#include <vector>

namespace motcua::station {
namespace json = boost::json;

namespace {

// A live page follows its ticket with /common/ticket-live.js (the page anew
// over a WebSocket whenever it changes); a phone without scripts reloads it
// this often instead: a 2 kB page every 10 s is nothing for the station.
constexpr int kRefreshSeconds = 10;
constexpr std::string_view kLiveScript = "/common/ticket-live.js";

// Its own style and the live script from the station, nothing from elsewhere;
// the forms post to the page itself.
constexpr std::string_view kPagePolicy =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self' ws: wss:; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'";

// The page speaks the station's language, with English one tap away.
constexpr std::array<std::string_view, 2> kLanguages = {"vi", "en"};

// A phone's own sans-serif; one column, large type, no fonts to fetch.
constexpr std::string_view kStyle =
    "body{font-family:system-ui,-apple-system,'Noto Sans',Roboto,sans-serif;margin:0;"
    "background:#f3f5f7;color:#1b1b1b;line-height:1.4}"
    "main{max-width:30rem;margin:0 auto;padding:1rem}"
    ".card{background:#fff;border-radius:14px;padding:1.25rem 1rem;text-align:center;"
    "box-shadow:0 1px 4px rgba(0,0,0,.12)}"
    ".station{font-size:.95rem;font-weight:700;margin:0 0 .5rem;text-transform:uppercase}"
    ".number{font-size:4.5rem;font-weight:800;margin:.25rem 0;color:#b3261e;"
    "letter-spacing:.04em}"
    ".service{font-size:1.35rem;font-weight:700;margin:0 0 1rem}"
    ".state{font-size:1.3rem;font-weight:700;margin:0 0 .75rem;padding:.8rem;"
    "border-radius:10px;background:#e3f0fd;color:#0b3f8a}"
    ".state.go{background:#e6f4e8;color:#14532d}"
    ".state.final{background:#ececec;color:#3b3b3b}"
    ".detail{font-size:1.15rem;margin:.4rem 0}"
    ".note{font-size:.9rem;color:#555;margin:1rem 0 0;text-align:center}"
    "a{color:#0b3f8a;font-weight:600}"
    "h1{font-size:1.4rem;margin:0 0 .75rem}"
    "form.rate{display:grid;gap:.6rem;margin:1rem 0 0}"
    ".prompt{font-size:1.15rem;font-weight:700;margin:.2rem 0}"
    "form.rate button{font:inherit;font-size:1.2rem;font-weight:700;padding:.85rem;"
    "border-radius:10px;border:2px solid #0b3f8a;background:#fff;color:#0b3f8a}"
    "form.rate button.send{background:#0b3f8a;color:#fff}"
    "label.reason{display:flex;gap:.6rem;align-items:center;text-align:left;"
    "font-size:1.1rem;padding:.5rem;border:1px solid #ccd;border-radius:8px}"
    "label.reason input{width:1.4rem;height:1.4rem}";

const std::string *find_text(const TicketPageTexts *texts, std::string_view language,
                             std::string_view key) {
  if (!texts)
    return nullptr;
  const auto lang = texts->languages.find(language);
  if (lang == texts->languages.end())
    return nullptr;
  const auto it = lang->second.find(key);
  return it == lang->second.end() ? nullptr : &it->second;
}

// "{name}" replaced by the escaped value; the texts themselves are trusted
// (they ship with the station) but are escaped too, being plain text.
std::string
words(const TicketPageTexts *texts, std::string_view language, std::string_view key,
      std::initializer_list<std::pair<std::string_view, std::string>> args = {}) {
  const std::string *pattern = find_text(texts, language, key);
  const std::string_view text = pattern ? std::string_view(*pattern) : key;
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      const auto close = text.find('}', i + 1);
      if (close != std::string_view::npos) {
        const auto name = text.substr(i + 1, close - i - 1);
        const std::string *value = nullptr;
        for (const auto &[n, v] : args)
          if (n == name)
            value = &v;
        if (value) {
          out += html_escape(*value);
          i = close + 1;
          continue;
        }
      }
    }
    out += html_escape(text.substr(i, 1));
    ++i;
  }
  return out;
}

// "2026-11-28" → "28/11/2026", as on the paper ticket.
std::string display_date(const std::string &day) {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-')
    return day;
  return day.substr(8, 2) + "/" + day.substr(5, 2) + "/" + day.substr(0, 4);
}

std::string other_language(std::string_view language) {
  return language == "en" ? "vi" : "en";
}

std::string page(std::string_view language, const std::string &title,
                 const std::string &card, bool live, const TicketPageTexts *texts) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"" + std::string(language) +
                     "\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, "
                     "initial-scale=1\">\n";
  if (live)
    html += "<noscript><meta http-equiv=\"refresh\" content=\"" +
            std::to_string(kRefreshSeconds) + "\"></noscript>\n<script src=\"" +
            std::string(kLiveScript) + "\" defer></script>\n";
  html += "<title>" + title + "</title>\n<style>" + std::string(kStyle) +
          "</style>\n</head>\n<body>\n<main" + (live ? " data-live" : "") +
          ">\n<div class=\"card\">\n" + card +
          "</div>\n<p class=\"note\"><a href=\"?lang=" + other_language(language) +
          "\">" + words(texts, language, "ticket_page.other_language") +
          "</a></p>\n</main>\n</body>\n</html>\n";
  return html;
}

ApiResponse html_response(int status, std::string body) {
  ApiResponse response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = std::move(body);
  // The state changes from minute to minute: never show a stored copy.
  response.headers.emplace_back("Cache-Control", "no-store");
  response.headers.emplace_back("Content-Security-Policy", std::string(kPagePolicy));
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  return response;
}

std::string paragraph(std::string_view css_class, const std::string &text) {
  return "<p class=\"" + std::string(css_class) + "\">" + text + "</p>\n";
}

// Plain forms, no script: a level button posts at once; an unhappy level
// first asks for reasons (as the kiosk does), then posts both.
std::string rating_section(const TicketPageRequest &request, const TicketPageTexts *texts,
                           std::string_view lang) {
  switch (request.rating) {
  case RatingOffer::none:
    return {};
  case RatingOffer::thanks:
    return paragraph("state go", words(texts, lang, "thanks.message"));
  case RatingOffer::already_rated:
    return paragraph("state final", words(texts, lang, "entry.already_rated",
                                          {{"number", request.number}}));
  case RatingOffer::levels:
  case RatingOffer::reasons:
    break;
  }
  std::string form = "<form class=\"rate\" method=\"post\" action=\"/t/" +
                     html_escape(request.day) + "/" + html_escape(request.number) +
                     "/rating" + (lang == "en" ? "?lang=en" : "") + "\">\n";
  if (request.rating == RatingOffer::levels) {
    form += paragraph("prompt", words(texts, lang, "rating.prompt"));
    for (auto level : rating_levels())
      form += "<button name=\"level\" value=\"" + std::string(level) + "\">" +
              words(texts, lang, "level." + std::string(level)) + "</button>\n";
  } else {
    form += "<input type=\"hidden\" name=\"level\" value=\"" +
            html_escape(request.level) +
            "\">\n"
            "<input type=\"hidden\" name=\"step\" value=\"reasons\">\n";
    form += paragraph("prompt", words(texts, lang, "reasons.prompt"));
    for (auto reason : ticket_page_reasons())
      form +=
          "<label class=\"reason\"><input type=\"checkbox\" name=\"reason\" value=\"" +
          std::string(reason) + "\">" +
          words(texts, lang, "reason." + std::string(reason)) + "</label>\n";
    form += "<button class=\"send\">" + words(texts, lang, "reasons.send") +
            "</button>\n<button name=\"skip\" value=\"1\">" +
            words(texts, lang, "reasons.skip") + "</button>\n";
  }
  return form + "</form>\n";
}

} // namespace

std::span<const std::string_view> ticket_page_reasons() {
  static constexpr std::array<std::string_view, 6> reasons = {
      "waiting_time", "officer_attitude", "guidance",
      "facilities",   "repeat_visits",    "other"};
  return reasons;
}

const std::vector<std::string> &ticket_page_text_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out = {
        "ticket_page.title",
        "ticket_page.state.waiting",
        "ticket_page.state.called",
        "ticket_page.state.serving",
        "ticket_page.state.done",
        "ticket_page.state.no_show",
        "ticket_page.state.transferred",
        "ticket_page.state.expired",
        "ticket_page.people_ahead",
        "ticket_page.estimated_wait",
        "ticket_page.you_are_next",
        "ticket_page.day",
        "ticket_page.refreshes",
        "ticket_page.not_found.title",
        "ticket_page.not_found.message",
        "ticket_page.other_language",
        "ticket_page.unknown_service",
        // The kiosk's own rating words, shared so both ask the same.
        "rating.prompt",
        "reasons.prompt",
        "reasons.send",
        "reasons.skip",
        "entry.already_rated",
        "thanks.message",
    };
    for (auto level : rating_levels())
      out.push_back("level." + std::string(level));
    for (auto reason : ticket_page_reasons())
      out.push_back("reason." + std::string(reason));
    return out;
  }();
  return keys;
}

Result<TicketPageTexts, std::string>
TicketPageTexts::parse(const std::map<std::string, std::string> &files) {
  TicketPageTexts out;
  for (const auto &[language, text] : files) {
    const std::string source = language + ".json";
    json::error_code ec;
    const json::value root = json::parse(text, ec);
    const json::object *top = ec ? nullptr : root.if_object();
    const json::value *strings = top ? top->if_contains("strings") : nullptr;
    if (!strings || !strings->is_object())
      return unexpected(source + ": strings: must be an object");
    auto &table = out.languages[language];
    for (const auto &[key, value] : strings->as_object())
      if (value.is_string() &&
          (key.starts_with("ticket_page.") ||
           std::ranges::find(ticket_page_text_keys(), std::string_view(key)) !=
               ticket_page_text_keys().end()))
        table.emplace(std::string(key), std::string(value.as_string()));
    for (const auto &key : ticket_page_text_keys()) {
      const auto it = table.find(key);
      if (it == table.end() || it->second.empty())
        return unexpected(source + ": strings." + std::string(key) + ": is missing");
    }
  }
  return out;
}

Result<TicketPageTexts, std::string> TicketPageTexts::load(const std::string &i18n_dir) {
  std::map<std::string, std::string> files;
  for (auto language : kLanguages) {
    const std::string path = i18n_dir + "/" + std::string(language) + ".json";
    std::ifstream in(path, std::ios::binary);
    if (!in)
      return unexpected("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    files.emplace(std::string(language), text.str());
  }
  auto parsed = parse(files);
  if (!parsed)
    return unexpected(i18n_dir + "/" + parsed.error());
  return parsed;
}

std::string ticket_page_language(std::string_view target) {
  const auto q = target.find('?');
  if (q == std::string_view::npos)
    return "vi";
  std::string_view query = target.substr(q + 1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto item = query.substr(0, amp);
    if (item == "lang=en")
      return "en";
    if (amp == std::string_view::npos)
      break;
    query.remove_prefix(amp + 1);
  }
  return "vi";
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '&':
      out += "&amp;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

ApiResponse ticket_page(const TicketPageRequest &request,
                        const std::optional<TicketStatus> &status, const Catalog &catalog,
                        const TicketPageTexts *texts) {
  const std::string_view lang = request.language == "en" ? "en" : "vi";
  const std::string date = display_date(request.day);
  std::string card = paragraph("station", html_escape(catalog.station_name));
  if (!status) {
    const std::string title = words(texts, lang, "ticket_page.not_found.title");
    card += "<h1>" + title + "</h1>\n";
    card += paragraph("detail", words(texts, lang, "ticket_page.not_found.message",
                                      {{"number", request.number}, {"date", date}}));
    return html_response(404, page(lang, title, card, false, texts));
  }
  using queue::TicketState;
  const TicketStatus &t = *status;
  const Service *service = catalog.find_service(t.service_id);
  const std::string service_label =
      service ? html_escape(service->label.in(lang))
              : words(texts, lang, "ticket_page.unknown_service");
  card += paragraph("number", html_escape(t.number));
  card += paragraph("service", service_label);
  const std::string state_key = std::string("ticket_page.state.") + to_string(t.state);
  const char *state_class = "state";
  if (t.state == TicketState::called || t.state == TicketState::serving)
    state_class = "state go";
  else if (queue::is_final(t.state))
    state_class = "state final";
  card +=
      paragraph(state_class, words(texts, lang, state_key, {{"counter", t.counter_id}}));
  if (t.state == TicketState::waiting) {
    if (t.people_ahead <= 0) {
      card += paragraph("detail", words(texts, lang, "ticket_page.you_are_next"));
    } else {
      card += paragraph("detail", words(texts, lang, "ticket_page.people_ahead",
                                        {{"n", std::to_string(t.people_ahead)}}));
      card +=
          paragraph("detail", words(texts, lang, "ticket_page.estimated_wait",
                                    {{"m", std::to_string(t.estimated_wait_minutes)}}));
    }
  }
  if (t.state == TicketState::done)
    card += rating_section(request, texts, lang);
  // Final states do not change any more: nothing to follow.
  const bool live = !queue::is_final(t.state);
  std::string note = words(texts, lang, "ticket_page.day", {{"date", date}});
  if (live)
    note += " · " + words(texts, lang, "ticket_page.refreshes");
  card += paragraph("note", note);
  return html_response(
      200, page(lang, words(texts, lang, "ticket_page.title", {{"number", t.number}}),
                card, live, texts));
}

} // namespace motcua::station
