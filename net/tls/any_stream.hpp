#pragma once
// A connection that is plain TCP or TLS for its whole life, decided by
// configuration. Beast's algorithms take either; std::visit picks. Include
// only from the translation units that already hold Beast.
#include "net/tls/certificate_pin.hpp"

#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>

#include <variant>

namespace motcua::net {

using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;
using AnyStream = std::variant<PlainStream, TlsStream>;
using AnyWebSocket = std::variant<boost::beast::websocket::stream<PlainStream>,
                                  boost::beast::websocket::stream<TlsStream>>;

// The TCP stream under either (timeouts, the socket, closing).
template <class Variant> boost::beast::tcp_stream &lowest_layer(Variant &stream) {
  return std::visit(
      [](auto &s) -> boost::beast::tcp_stream & {
        return boost::beast::get_lowest_layer(s);
      },
      stream);
}

// The kiosk's side: TLS 1.2 or newer, trusting only the certificate `pin`
// names (or learning it); `pin` must outlive the context.
inline boost::asio::ssl::context pinned_client_context(CertificatePin &pin) {
  boost::asio::ssl::context context(boost::asio::ssl::context::tls_client);
  context.set_options(boost::asio::ssl::context::no_tlsv1 |
                      boost::asio::ssl::context::no_tlsv1_1);
  require_pinned_certificate(context.native_handle(), pin);
  return context;
}

} // namespace motcua::net
