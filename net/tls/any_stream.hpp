#pragma once
// A connection that is plain TCP or TLS for its whole life, decided by
// configuration. Beast's algorithms take either; std::visit picks. Include
// only from the translation units that already hold Beast.
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

} // namespace motcua::net
