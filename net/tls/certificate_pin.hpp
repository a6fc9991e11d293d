#pragma once
// The station's certificate is pinned, not validated against authorities: a
// commune police station has no public name, and a self-signed certificate
// whose SHA-256 the kiosk learnt at enrollment proves more than any CA would.
#include "net/protocol/result.hpp"

#include <openssl/ssl.h>

#include <mutex>
#include <string>
#include <string_view>

namespace motcua::net {

// SHA-256 of the certificate's DER encoding, 64 lowercase hex digits.
std::string certificate_sha256(X509 *certificate);

// "AB:CD:..." (as openssl x509 -fingerprint prints it) or plain hex, any case
// -> 64 lowercase hex digits.
Result<std::string> parse_sha256_fingerprint(std::string_view text);

// What a client's handshakes check and learn. Empty `expected`: any
// certificate is accepted (enrollment, trust on first use) and remembered.
class CertificatePin {
public:
  explicit CertificatePin(std::string expected_sha256 = {})
      : expected_(std::move(expected_sha256)) {}
  const std::string &expected() const { return expected_; }
  std::string seen() const; // the last certificate presented, "" before any
  bool check(X509 *leaf);   // records it; true when it may be used

private:
  std::string expected_;
  mutable std::mutex mutex_;
  std::string seen_;
};

// Makes every handshake on `ctx` check the peer's leaf certificate against
// `pin` instead of a CA chain. `pin` must outlive the context.
void require_pinned_certificate(SSL_CTX *ctx, CertificatePin &pin);

// Loads a PEM certificate chain and private key into a server context and
// checks they belong together; returns the certificate's SHA-256.
Result<std::string> load_server_certificate(SSL_CTX *ctx,
                                            const std::string &certificate_file,
                                            const std::string &private_key_file);

} // namespace motcua::net
