#pragma once
// The station's own catalog file (DATA/catalog.json) as the admin pages edit
// it: what the station runs, since each saved edit is applied at once, and
// what the next start reads.
#include "net/protocol/catalog.hpp"

#include <mutex>
#include <optional>
#include <string>

namespace motcua::station {

class CatalogFile {
public:
  CatalogFile(std::string path, Catalog running);

  // The last saved edit, or the catalog the station started with.
  Catalog current() const;
  // Written atomically (a crash leaves the old file or the new one);
  // the error text when it could not be.
  std::optional<std::string> save(const Catalog &catalog);

private:
  const std::string path_;
  mutable std::mutex mutex_;
  Catalog current_;
};

} // namespace motcua::station
