#include "server/api/authenticator.hpp"

#include "server/log.hpp"
#include "server/numbering.hpp"
#include "net/system/crypto.hpp"

#include <cctype>

namespace motcua::station {

const char *to_string(Role role) {
  switch (role) {
  case Role::kiosk:
    return "kiosk";
  case Role::officer:
    return "officer";
  case Role::chief:
    return "chief";
  case Role::technician:
    return "technician";
  }
  return "kiosk";
}

std::optional<Role> parse_officer_role(std::string_view text) {
  if (text == "officer")
    return Role::officer;
  if (text == "chief")
    return Role::chief;
  if (text == "technician")
    return Role::technician;
  return std::nullopt;
}

namespace {

constexpr std::string_view kBearer = "Bearer ";

DeskError storage_failure() {
  return {500, "storage_error", "the station could not read or store credentials"};
}

DeskError bad_login() {
  return {401, "invalid_credentials", "wrong user name or password"};
}

bool is_loopback(std::string_view address) {
  return address.starts_with("127.") || address == "::1" ||
         address.starts_with("::ffff:127.");
}

// Crockford-like alphabet: no 0/O, 1/I/L to misread from a technician's sheet.
std::string readable_code() {
  static constexpr char kAlphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const std::string hex = crypto::random_hex(12);
  std::string out;
  for (std::size_t i = 0; i < 12; ++i) {
    const int value = std::stoi(hex.substr(2 * i, 2), nullptr, 16);
    if (i > 0 && i % 4 == 0)
      out += '-';
    out += kAlphabet[value % (sizeof kAlphabet - 1)];
  }
  return out;
}

std::string normalize_code(std::string_view code) {
  std::string out;
  for (char c : code)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

} // namespace

Authenticator::Authenticator(AuthStore &store, Clock clock, AuthOptions options)
    : store_(store), clock_(std::move(clock)), options_(options) {}

std::int64_t Authenticator::now_seconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(clock_().time_since_epoch())
      .count();
}

std::optional<Principal> Authenticator::authenticate(const ApiRequest &request) {
  std::string_view header = request.authorization;
  if (!header.starts_with(kBearer) || header.size() == kBearer.size()) {
    if (options_.open_kiosk_api && header.empty() && is_loopback(request.remote_address))
      return Principal{Role::kiosk, "open-kiosk"};
    return std::nullopt;
  }
  const std::string hash = crypto::sha256_hex(header.substr(kBearer.size()));
  const std::int64_t now = now_seconds();
  std::lock_guard lock(mutex_);
  if (auto found = cache_.find(hash); found != cache_.end()) {
    if (found->second.expires_at == 0 || found->second.expires_at > now)
      return found->second.principal;
    cache_.erase(found);
    return std::nullopt;
  }
  if (auto kiosk = store_.find_kiosk_by_token(hash); kiosk && *kiosk) {
    Principal p{Role::kiosk, (*kiosk)->id};
    cache_[hash] = Cached{p, 0};
    return p;
  }
  if (auto session = store_.find_session(hash, now); session && *session) {
    auto role = parse_officer_role((*session)->role);
    if (!role)
      return std::nullopt;
    Principal p{*role, (*session)->username};
    cache_[hash] = Cached{p, (*session)->expires_at};
    return p;
  }
  return std::nullopt;
}

bool Authenticator::locked_out(const std::string &key, std::int64_t now) {
  auto found = failures_.find(key);
  if (found == failures_.end())
    return false;
  if (now - found->second.first >= options_.failed_login_window.count()) {
    failures_.erase(found);
    return false;
  }
  return found->second.count >= options_.max_failed_logins;
}

void Authenticator::count_failure(const std::string &key, std::int64_t now) {
  auto &f = failures_[key];
  if (f.count == 0 || now - f.first >= options_.failed_login_window.count())
    f = Failures{0, now};
  ++f.count;
}

Result<LoginGrant, DeskError> Authenticator::login(const std::string &username,
                                                   const std::string &password,
                                                   const std::string &remote_address) {
  const std::int64_t now = now_seconds();
  const std::string user_key = "user:" + username;
  const std::string address_key = "addr:" + remote_address;
  {
    std::lock_guard lock(mutex_);
    if (locked_out(user_key, now) || locked_out(address_key, now))
      return unexpected(
          DeskError{429, "too_many_attempts", "too many failed logins; try again later"});
  }
  auto officer = store_.find_officer(username);
  if (!officer)
    return unexpected(storage_failure());
  // Unknown users cost the same KDF run, so timing does not reveal names.
  const std::string salt = *officer ? (*officer)->salt : std::string(32, '0');
  const int iterations = *officer ? (*officer)->iterations : options_.password_iterations;
  const std::string hash = crypto::pbkdf2_hex(password, salt, iterations);
  if (!*officer || !crypto::equal_constant_time(hash, (*officer)->password_hash)) {
    std::lock_guard lock(mutex_);
    count_failure(user_key, now);
    count_failure(address_key, now);
    return unexpected(bad_login());
  }
  auto role = parse_officer_role((*officer)->role);
  if (!role)
    return unexpected(bad_login());
  {
    std::lock_guard lock(mutex_);
    failures_.erase(user_key);
  }
  LoginGrant grant;
  grant.token = crypto::random_hex(32);
  grant.role = *role;
  grant.username = username;
  grant.display_name = (*officer)->display_name;
  grant.expires_at = now + options_.session_ttl.count();
  if (store_.add_session(SessionRecord{crypto::sha256_hex(grant.token), username,
                                       to_string(*role), grant.expires_at}))
    return unexpected(storage_failure());
  return grant;
}

void Authenticator::logout(const ApiRequest &request) {
  std::string_view header = request.authorization;
  if (!header.starts_with(kBearer))
    return;
  const std::string hash = crypto::sha256_hex(header.substr(kBearer.size()));
  std::lock_guard lock(mutex_);
  auto found = cache_.find(hash);
  if (found != cache_.end() && found->second.principal.role == Role::kiosk)
    return; // a kiosk token is revoked by an administrator, not by logging out
  if (found != cache_.end())
    cache_.erase(found);
  (void)store_.remove_session(hash); // on failure the session still expires in time
}

Result<KioskGrant, DeskError> Authenticator::enroll(const std::string &code,
                                                    const std::string &name) {
  const std::int64_t now = now_seconds();
  KioskGrant grant;
  grant.kiosk_id = "kiosk-" + crypto::random_hex(4);
  grant.token = crypto::random_hex(32);
  KioskRecord record{grant.kiosk_id,
                     name,
                     crypto::sha256_hex(grant.token),
                     rfc3339(to_local_time(clock_())),
                     std::nullopt,
                     std::nullopt};
  if (auto error =
          store_.enroll_kiosk(crypto::sha256_hex(normalize_code(code)), now, record)) {
    if (error->code == StoreError::Code::not_found)
      return unexpected(DeskError{403, "invalid_enrollment_code",
                                  "the enrollment code is unknown, used or expired"});
    return unexpected(storage_failure());
  }
  return grant;
}

Result<std::string, DeskError>
Authenticator::create_enrollment_code(const std::string &created_by) {
  const std::string code = readable_code();
  if (store_.add_enrollment_code(crypto::sha256_hex(normalize_code(code)), created_by,
                                 now_seconds() + options_.enrollment_code_ttl.count()))
    return unexpected(storage_failure());
  return code;
}

std::optional<DeskError> Authenticator::create_officer(const std::string &username,
                                                       const std::string &display_name,
                                                       Role role,
                                                       const std::string &password) {
  if (role == Role::kiosk)
    return DeskError{400, "invalid_field", "an officer's role cannot be kiosk"};
  OfficerRecord record;
  record.username = username;
  record.display_name = display_name;
  record.role = to_string(role);
  record.salt = crypto::random_hex(16);
  record.iterations = options_.password_iterations;
  record.password_hash = crypto::pbkdf2_hex(password, record.salt, record.iterations);
  record.created_at = rfc3339(to_local_time(clock_()));
  if (auto error = store_.add_officer(record)) {
    if (error->code == StoreError::Code::conflict)
      return DeskError{409, "officer_exists", "the user name " + username + " is taken"};
    return storage_failure();
  }
  return std::nullopt;
}

} // namespace motcua::station
