#pragma once
// GET /t/{day}/{number}: the page a citizen's phone opens from the QR code on
// the ticket. HTML that fits a phone, Vietnamese unless ?lang=en, with the
// ticket's state, people ahead and the wait; a 404 page for an unknown ticket.
// Until the ticket is final the page is marked live: its script follows it
// over a WebSocket that brings this same page anew. The words come from assets/i18n (keys
// "ticket_page.*").
#include "net/protocol/catalog.hpp"
#include "net/protocol/result.hpp"
#include "server/api/api_message.hpp"
#include "server/desk/queue_desk.hpp"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::station {

// Every key the page reads; both language files must define all of them.
// Besides its own "ticket_page.*" it shares the kiosk's rating words.
const std::vector<std::string> &ticket_page_text_keys();

struct TicketPageTexts {
  // language ("vi", "en") → key → text
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>>
      languages;

  // Reads <i18n_dir>/vi.json and en.json; fails naming the file and the key.
  static Result<TicketPageTexts, std::string> load(const std::string &i18n_dir);
  // From file contents, for tests: language → JSON text.
  static Result<TicketPageTexts, std::string>
  parse(const std::map<std::string, std::string> &files);
};

// What a done ticket's page offers: the rating (the kiosk's words and rule,
// one rating per ticket), the reasons after an unhappy level, or thanks.
enum class RatingOffer { none, levels, reasons, thanks, already_rated };

struct TicketPageRequest {
  std::string day;
  std::string number;
  std::string language = "vi"; // "vi" or "en"
  RatingOffer rating = RatingOffer::none;
  std::string level; // RatingOffer::reasons: the level chosen
};

// The reasons a phone may send, as the kiosk offers them.
std::span<const std::string_view> ticket_page_reasons();

// The status page, or the 404 page when `status` is empty. Without texts
// (none loaded) each word shows as its key: visible, never a crash.
ApiResponse ticket_page(const TicketPageRequest &request,
                        const std::optional<TicketStatus> &status, const Catalog &catalog,
                        const TicketPageTexts *texts);

// The language asked for in the query string ("?lang=en"); "vi" otherwise.
std::string ticket_page_language(std::string_view target);

// "&lt;" for "<" and so on: catalog labels are data, not markup.
std::string html_escape(std::string_view text);

} // namespace motcua::station
