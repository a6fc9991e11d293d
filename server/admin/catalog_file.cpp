#include "server/admin/catalog_file.hpp"

#include "net/system/atomic_file.hpp"

namespace motcua::station {

CatalogFile::CatalogFile(std::string path, Catalog running)
    : path_(std::move(path)), current_(std::move(running)) {}

Catalog CatalogFile::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

std::optional<std::string> CatalogFile::save(const Catalog &catalog) {
  std::lock_guard lock(mutex_); // two admins saving at once: one file, in order
  if (auto error = write_file_atomically(path_, catalog_to_json(catalog)))
    return error;
  current_ = catalog;
  return std::nullopt;
}

} // namespace motcua::station
