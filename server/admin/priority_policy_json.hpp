#pragma once
// The priority policy as the admin API speaks it: {"policy":"strict"} (every
// waiting priority ticket before any normal one) or {"policy":"one_in_n",
// "n":3} (a counter's fourth call goes to a priority ticket after three
// normal ones), for GET and PUT /api/v1/admin/priority-policy.
#include "net/protocol/result.hpp"
#include "server/queue/priority_policy.hpp"

#include <string>
#include <string_view>

namespace motcua::station {

inline constexpr int kMaxPolicyN = 20;

struct PolicyInputError {
  std::string code; // "malformed_json", "invalid_field"
  std::string message;
};

std::string priority_policy_json(const queue::PriorityPolicy &policy);
Result<queue::PriorityPolicy, PolicyInputError>
parse_priority_policy(std::string_view body);

} // namespace motcua::station
