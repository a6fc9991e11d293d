#pragma once
// The station's /api/v1 routes: ApiRequest in, ApiResponse out. Every route
// names who may call it; the handler checks that before anything else.
#include "net/protocol/catalog.hpp"
#include "server/admin/catalog_file.hpp"
#include "server/api/api_message.hpp"
#include "server/api/authenticator.hpp"
#include "server/api/ticket_page.hpp"
#include "server/desk/queue_desk.hpp"
#include "server/reports/station_reports.hpp"
#include "server/station_clock.hpp"
#include "server/storage/station_store.hpp"
#include "server/web/callout_voice.hpp"
#include "server/web/static_files.hpp"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace motcua::station {

enum class Access {
  anyone,  // no token needed
  kiosk,   // an enrolled kiosk (or a loopback caller with --open-kiosk-api)
  officer, // a logged-in officer, chief or technician
  admin,   // a logged-in chief or technician
  any_principal
};

struct RouteInfo {
  std::string method; // "POST"
  std::string path;   // OpenAPI form: "/api/v1/counters/{counter_id}/call-next"
  Access access = Access::anyone;
};

class ApiHandler {
public:
  // Everything passed by reference must outlive the handler. handle() may run
  // on several threads at once: each collaborator serializes itself.
  ApiHandler(Catalog catalog, QueueDesk &desk, StationStore &store, Authenticator &auth,
             Clock clock);

  ApiResponse handle(const ApiRequest &request) const;

  // For the WebSocket upgrade of /api/v1/stream: nullopt when the caller may
  // subscribe, else the refusal to send.
  std::optional<ApiResponse> authorize_stream(const ApiRequest &request) const;
  // For the WebSocket upgrade of a ticket page, /t/{day}/{number}: anyone
  // holding the ticket's address may follow it; an unknown ticket is 404.
  std::optional<ApiResponse> authorize_ticket_stream(const ApiRequest &request) const;
  // What a ticket page's subscriber is sent when the queue moves: the page
  // as GET serves it now (the 404 page for a ticket gone with its day), or
  // nothing when the page cannot be made (a storage error): the phone keeps
  // the card it has.
  std::string ticket_stream_frame(const ApiRequest &request) const;

  // The words of the /t/{day}/{number} page; set before serving. Without
  // them the page shows its text keys.
  void set_ticket_page_texts(TicketPageTexts texts);

  // The web pages (counter, board, reports) for every path outside /api and
  // /t; without them those paths are 404. Must outlive the handler.
  void set_web_files(const StaticFiles *web) { web_ = web; }
  // espeak-ng behind GET /api/v1/callout.wav; without it that route is 503.
  void set_callout_voice(CalloutVoice *voice) { voice_ = voice; }
  // The chief's reports; without them /api/v1/reports/... is 503.
  void set_reports(StationReports *reports) { reports_ = reports; }
  // Where the admin's service edits are saved; without it PUT
  // /api/v1/admin/services/{id} is 409 (the station runs a --catalog FILE).
  void set_catalog_file(CatalogFile *file) { catalog_file_ = file; }

  static std::vector<RouteInfo> routes();
  std::string catalog_etag() const { return catalog_view()->etag; }

  struct Call;

private:
  struct Route;
  static const Route kRoutes[];

  ApiResponse health(const Call &call) const;
  ApiResponse catalog(const Call &call) const;
  ApiResponse issue_ticket(const Call &call) const;
  ApiResponse submit_rating(const Call &call) const;
  ApiResponse lease_block(const Call &call) const;
  ApiResponse upload_offline(const Call &call) const;
  ApiResponse withdraw_ticket(const Call &call) const;
  ApiResponse enroll_kiosk(const Call &call) const;
  ApiResponse kiosk_health(const Call &call) const;
  ApiResponse login(const Call &call) const;
  ApiResponse logout(const Call &call) const;
  ApiResponse counters(const Call &call) const;
  ApiResponse open_counter(const Call &call) const;
  ApiResponse close_counter(const Call &call) const;
  ApiResponse call_next(const Call &call) const;
  ApiResponse recall(const Call &call) const;
  ApiResponse start(const Call &call) const;
  ApiResponse done(const Call &call) const;
  ApiResponse no_show(const Call &call) const;
  ApiResponse transfer(const Call &call) const;
  ApiResponse counter_action(const Call &call, CounterAction action,
                             const std::string &to_service = {}) const;
  ApiResponse admin_services(const Call &call) const;
  ApiResponse admin_set_service(const Call &call) const;
  ApiResponse admin_priority_policy(const Call &call) const;
  ApiResponse admin_set_priority_policy(const Call &call) const;
  ApiResponse admin_add_counter(const Call &call) const;
  ApiResponse admin_set_counter(const Call &call) const;
  ApiResponse admin_officers(const Call &call) const;
  ApiResponse admin_add_officer(const Call &call) const;
  ApiResponse admin_enrollment_code(const Call &call) const;
  ApiResponse admin_kiosks(const Call &call) const;
  ApiResponse stream(const Call &call) const;
  ApiResponse board(const Call &call) const;
  ApiResponse callout_audio(const Call &call) const;
  ApiResponse report_satisfaction(const Call &call) const;
  ApiResponse report_queue(const Call &call) const;
  ApiResponse report(const Call &call, bool satisfaction) const;
  ApiResponse ticket_status_page(const ApiRequest &request) const;
  ApiResponse rate_from_phone(const ApiRequest &request, TicketPageRequest page,
                              const std::optional<TicketStatus> &status) const;

  // The catalog as served, replaced whole by an admin's edit while requests
  // read it: each request takes the one current when it starts.
  struct CatalogView {
    explicit CatalogView(Catalog c);
    Catalog catalog;
    std::string json;
    std::string etag; // strong, quoted: "\"9f2c...\""
  };
  std::shared_ptr<const CatalogView> catalog_view() const { return catalog_.load(); }
  mutable std::atomic<std::shared_ptr<const CatalogView>> catalog_; // handlers are const
  mutable std::mutex service_edits_; // one edit at a time: read, apply, save, serve
  QueueDesk &desk_;
  StationStore &store_;
  Authenticator &auth_;
  Clock clock_;
  std::shared_ptr<const TicketPageTexts> page_texts_;
  const StaticFiles *web_ = nullptr;
  CalloutVoice *voice_ = nullptr;
  StationReports *reports_ = nullptr;
  CatalogFile *catalog_file_ = nullptr;
};

} // namespace motcua::station
