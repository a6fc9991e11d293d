#pragma once
// Who is calling: kiosks (bearer token from enrollment), officers (session
// token from a password login) and the station's administrators (chief,
// technician). Secrets are stored hashed; failed logins are rate-limited.
#include "net/protocol/result.hpp"
#include "server/api/api_message.hpp"
#include "server/desk/queue_desk.hpp"
#include "server/station_clock.hpp"
#include "server/storage/station_store.hpp"

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace motcua::station {

enum class Role { kiosk, officer, chief, technician };
const char *to_string(Role role);
std::optional<Role> parse_officer_role(std::string_view text); // not "kiosk"
inline bool is_admin(Role role) {
  return role == Role::chief || role == Role::technician;
}

struct Principal {
  Role role = Role::kiosk;
  std::string id; // kiosk id or officer username; "open-kiosk" without a token
};

struct AuthOptions {
  // Unauthenticated callers on the loopback interface act as a kiosk: for
  // demos and tests on one machine, never for a real station.
  bool open_kiosk_api = false;
  std::chrono::seconds session_ttl{12 * 3600};
  std::chrono::seconds enrollment_code_ttl{24 * 3600};
  int password_iterations = 210000;                  // PBKDF2-HMAC-SHA256
  int max_failed_logins = 5;                         // per user name and per address...
  std::chrono::seconds failed_login_window{15 * 60}; // ...within this time
};

struct LoginGrant {
  std::string token;
  Role role = Role::officer;
  std::string username;
  std::string display_name;
  std::int64_t expires_at = 0; // Unix seconds
};

struct KioskGrant {
  std::string kiosk_id;
  std::string token;
};

class Authenticator {
public:
  Authenticator(AuthStore &store, Clock clock, AuthOptions options = {});

  // From the Authorization header; nullopt: anonymous.
  std::optional<Principal> authenticate(const ApiRequest &request);

  Result<LoginGrant, DeskError> login(const std::string &username,
                                      const std::string &password,
                                      const std::string &remote_address);
  void logout(const ApiRequest &request);
  Result<KioskGrant, DeskError> enroll(const std::string &code, const std::string &name);
  // A one-time code, shown once: "ABCD-2345-WXYZ".
  Result<std::string, DeskError> create_enrollment_code(const std::string &created_by);
  std::optional<DeskError> create_officer(const std::string &username,
                                          const std::string &display_name, Role role,
                                          const std::string &password);

  const AuthOptions &options() const { return options_; }

private:
  struct Cached {
    Principal principal;
    std::int64_t expires_at = 0; // 0: never (kiosk)
  };
  std::int64_t now_seconds() const;
  bool locked_out(const std::string &key, std::int64_t now);
  void count_failure(const std::string &key, std::int64_t now);

  AuthStore &store_;
  Clock clock_;
  AuthOptions options_;
  std::mutex mutex_;
  std::unordered_map<std::string, Cached> cache_; // token hash → principal
  struct Failures {
    int count = 0;
    std::int64_t first = 0;
  };
  std::map<std::string, Failures> failures_;
};

} // namespace motcua::station
