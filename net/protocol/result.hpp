#pragma once
// A value or an error, for I/O boundaries (std::expected arrives only in C++23).
#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace motcua {

template <typename E> struct Unexpected {
  E error;
};
template <typename E> Unexpected<E> unexpected(E e) { return {std::move(e)}; }

template <typename T, typename E = std::string> class Result {
public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Result(Unexpected<E> e) : v_(std::in_place_index<1>, std::move(e.error)) {}

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T &value() & {
    assert(has_value());
    return std::get<0>(v_);
  }
  const T &value() const & {
    assert(has_value());
    return std::get<0>(v_);
  }
  T &&value() && {
    assert(has_value());
    return std::get<0>(std::move(v_));
  }
  const E &error() const {
    assert(!has_value());
    return std::get<1>(v_);
  }
  T *operator->() { return &value(); }
  const T *operator->() const { return &value(); }
  T &operator*() { return value(); }
  const T &operator*() const { return value(); }

private:
  std::variant<T, E> v_;
};

} // namespace motcua
