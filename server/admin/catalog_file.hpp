#pragma once
// The station's own catalog file (DATA/catalog.json) as the admin pages edit
// it. The running station keeps numbering with the catalog it started with:
// the queue of the day was built from it and is rebuilt from its journal with
// it, so an edit is saved for the next start and reported as pending.
#include "net/protocol/catalog.hpp"

#include <mutex>
#include <optional>
#include <string>

namespace motcua::station {

class CatalogFile {
public:
  CatalogFile(std::string path, Catalog running);

  // The last saved edit, or the running catalog when none was saved.
  Catalog current() const;
  // Some saved edit differs from what the station runs.
  bool restart_required() const;
  // Written atomically (a crash leaves the old file or the new one);
  // the error text when it could not be.
  std::optional<std::string> save(const Catalog &catalog);

private:
  const std::string path_;
  const Catalog running_;
  const std::string running_json_;
  mutable std::mutex mutex_;
  std::optional<Catalog> saved_;
};

} // namespace motcua::station
