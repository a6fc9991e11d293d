#pragma once
// Why the station's storage refused or failed a call.
#include <string>

namespace motcua::station {

struct StoreError {
  enum class Code {
    cannot_open,    // the database file cannot be opened or configured
    schema_too_new, // written by a newer station version
    conflict,       // a unique key is taken (idempotency key, rated ticket, name)
    not_found,      // no such row
    storage_error   // any other SQLite failure
  };
  Code code = Code::storage_error;
  std::string message; // for logs; may name SQLite internals
};

const char *to_string(StoreError::Code code);

} // namespace motcua::station
