#include "server/admin/priority_policy_json.hpp"

#include <boost/json.hpp>

namespace motcua::station {

namespace json = boost::json;

std::string priority_policy_json(const queue::PriorityPolicy &policy) {
  if (policy.kind == queue::PriorityPolicy::Kind::strict)
    return json::serialize(json::object{{"policy", "strict"}});
  return json::serialize(json::object{{"policy", "one_in_n"}, {"n", policy.n}});
}

Result<queue::PriorityPolicy, PolicyInputError>
parse_priority_policy(std::string_view body) {
  boost::system::error_code ec;
  auto value = json::parse(body, ec);
  if (ec || !value.is_object())
    return unexpected(
        PolicyInputError{"malformed_json", "the body must be a JSON object"});
  const auto &o = value.as_object();
  for (const auto &field : o)
    if (field.key() != "policy" && field.key() != "n")
      return unexpected(PolicyInputError{
          "invalid_field", "unknown field \"" + std::string(field.key()) + "\""});
  const auto *kind = o.if_contains("policy");
  if (!kind || !kind->is_string())
    return unexpected(PolicyInputError{"invalid_field",
                                       "\"policy\" must be \"strict\" or \"one_in_n\""});
  if (kind->as_string() == "strict") {
    if (o.contains("n"))
      return unexpected(PolicyInputError{"invalid_field", "\"strict\" takes no \"n\""});
    return queue::PriorityPolicy::strict();
  }
  if (kind->as_string() != "one_in_n")
    return unexpected(PolicyInputError{"invalid_field",
                                       "\"policy\" must be \"strict\" or \"one_in_n\""});
  const auto *n = o.if_contains("n");
  if (!n || !n->is_int64() || n->as_int64() < 1 || n->as_int64() > kMaxPolicyN)
    return unexpected(
        PolicyInputError{"invalid_field", "\"n\" must be a whole number from 1 to " +
                                              std::to_string(kMaxPolicyN) +
                                              " (normal calls per priority call)"});
  return queue::PriorityPolicy::one_in_n(static_cast<int>(n->as_int64()));
}

} // namespace motcua::station
