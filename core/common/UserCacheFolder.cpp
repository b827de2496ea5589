#include "common/UserCacheFolder.h"

#include <cstdlib>

namespace m2ds {

std::string userCacheFolder(const std::string& name) {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/m2ds/" + name;
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/m2ds/" + name;
    return ".m2ds-cache/" + name;
}

}  // namespace m2ds
