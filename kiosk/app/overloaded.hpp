#pragma once
// std::visit over a set of lambdas.

namespace motcua::kiosk {

template <class... F> struct Overloaded : F... { using F::operator()...; };

} // namespace motcua::kiosk
