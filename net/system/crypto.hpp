#pragma once
// The few primitives the station's authentication and the kiosk's technician PIN
// need (OpenSSL libcrypto).
#include <string>
#include <string_view>

namespace motcua::crypto {

// `bytes` random bytes from the system CSPRNG, as lowercase hex.
std::string random_hex(std::size_t bytes);

// SHA-256 of text as lowercase hex. For tokens and codes with enough entropy
// that a fast hash suffices; passwords go through pbkdf2_hex.
std::string sha256_hex(std::string_view text);

// PBKDF2-HMAC-SHA256, 32 bytes, as lowercase hex.
std::string pbkdf2_hex(std::string_view password, std::string_view salt, int iterations);

// Compares without leaking where the first difference is.
bool equal_constant_time(std::string_view a, std::string_view b);

} // namespace motcua::crypto
