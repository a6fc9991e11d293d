#pragma once
// Where the programs find their read-only files (fonts, catalog, i18n, images,
// web pages). One binary serves a development tree and an installed package:
// the source tree's assets/ is compiled in, and a package puts them beside
// the program as <prefix>/share/motcua.
#include <string>

namespace motcua {

// $MOTCUA_ASSETS_DIR when set; else <folder of the program>/../share/motcua
// when it holds the assets; else `built_in` (the source tree's assets/).
std::string assets_dir(const std::string &built_in);

// The same choice with the environment and the program's path given: pure
// but for a look at the disk, for tests.
std::string choose_assets_dir(const char *environment, const std::string &program_path,
                              const std::string &built_in);

} // namespace motcua
