#pragma once
// The station's /api/v1 routes: ApiRequest in, ApiResponse out.
#include "net/protocol/catalog.hpp"
#include "server/api/api_message.hpp"
#include "server/station_clock.hpp"
#include "server/storage/ticket_store.hpp"

#include <string>

namespace motcua::station {

class ApiHandler {
public:
  // The store must outlive the handler. handle() may run on several threads
  // at once: the handler's own state is immutable and the store serializes.
  ApiHandler(Catalog catalog, TicketStore &store, Clock clock);

  ApiResponse handle(const ApiRequest &request) const;

  const std::string &catalog_etag() const { return catalog_etag_; }

private:
  ApiResponse health(const ApiRequest &request) const;
  ApiResponse catalog(const ApiRequest &request) const;
  ApiResponse issue_ticket(const ApiRequest &request) const;

  Catalog catalog_;
  std::string catalog_json_;
  std::string catalog_etag_; // strong, quoted: "\"9f2c...\""
  TicketStore &store_;
  Clock clock_;
};

} // namespace motcua::station
