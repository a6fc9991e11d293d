#include "net/tls/certificate_pin.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <array>
#include <cctype>

namespace motcua::net {

namespace {

std::string openssl_error() {
  const unsigned long code = ERR_get_error();
  if (code == 0)
    return "unknown OpenSSL error";
  std::array<char, 256> text{};
  ERR_error_string_n(code, text.data(), text.size());
  ERR_clear_error();
  return text.data();
}

int verify_pinned(X509_STORE_CTX *store, void *arg) {
  auto *pin = static_cast<CertificatePin *>(arg);
  X509 *leaf = X509_STORE_CTX_get0_cert(store);
  if (leaf && pin->check(leaf))
    return 1;
  X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REJECTED);
  return 0;
}

} // namespace

std::string certificate_sha256(X509 *certificate) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (!certificate || X509_digest(certificate, EVP_sha256(), digest.data(), &length) != 1)
    return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

Result<std::string> parse_sha256_fingerprint(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ':')
      continue;
    if (!std::isxdigit(static_cast<unsigned char>(c)))
      return unexpected(std::string("a SHA-256 fingerprint is 64 hex digits, optionally "
                                    "in pairs separated by ':'"));
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (out.size() != 64)
    return unexpected("a SHA-256 fingerprint has 64 hex digits, this one " +
                      std::to_string(out.size()));
  return out;
}

std::string CertificatePin::seen() const {
  std::lock_guard lock(mutex_);
  return seen_;
}

bool CertificatePin::check(X509 *leaf) {
  std::string sha256 = certificate_sha256(leaf);
  const bool ok = !sha256.empty() && (expected_.empty() || sha256 == expected_);
  std::lock_guard lock(mutex_);
  seen_ = std::move(sha256);
  return ok;
}

void require_pinned_certificate(SSL_CTX *ctx, CertificatePin &pin) {
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  SSL_CTX_set_cert_verify_callback(ctx, &verify_pinned, &pin);
}

Result<std::string> load_server_certificate(SSL_CTX *ctx,
                                            const std::string &certificate_file,
                                            const std::string &private_key_file) {
  ERR_clear_error();
  if (SSL_CTX_use_certificate_chain_file(ctx, certificate_file.c_str()) != 1)
    return unexpected("TLS certificate " + certificate_file + ": " + openssl_error());
  if (SSL_CTX_use_PrivateKey_file(ctx, private_key_file.c_str(), SSL_FILETYPE_PEM) != 1)
    return unexpected("TLS private key " + private_key_file + ": " + openssl_error());
  if (SSL_CTX_check_private_key(ctx) != 1)
    return unexpected("TLS private key " + private_key_file + " does not match " +
                      certificate_file);
  return certificate_sha256(SSL_CTX_get0_certificate(ctx));
}

} // namespace motcua::net
