// Boost.JSON compiled into the fuzz build, instrumented like the rest.
#include <boost/json/src.hpp>
