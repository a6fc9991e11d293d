#include "server/api/api_message.hpp"

#include "net/protocol/ticket.hpp"

#include <strings.h>

namespace motcua::station {

const std::string *ApiResponse::header(std::string_view name) const {
  for (const auto &[key, value] : headers)
    if (key.size() == name.size() &&
        ::strncasecmp(key.data(), name.data(), name.size()) == 0)
      return &value;
  return nullptr;
}

ApiResponse error_response(int status, std::string code, std::string message) {
  ApiResponse response;
  response.status = status;
  response.body = api_error_to_json(ApiError{std::move(code), std::move(message)});
  return response;
}

} // namespace motcua::station
