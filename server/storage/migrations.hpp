#pragma once
// The station database's schema, as numbered migrations kept in PRAGMA
// user_version. Append only: a released migration never changes.
#include "server/storage/sqlite.hpp"
#include "server/storage/store_error.hpp"

#include <filesystem>
#include <optional>

namespace motcua::station {

inline constexpr int kStationSchemaVersion = 4;
inline constexpr const char *kStationDatabaseFile = "station.db";

// Opens (creating when missing) DIR/station.db in WAL mode with
// synchronous=FULL, and brings its schema to kStationSchemaVersion.
Result<sqlite::Database, StoreError>
open_station_database(const std::filesystem::path &data_dir);

} // namespace motcua::station
