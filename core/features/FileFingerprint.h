#pragma once
#include <string>

namespace m2ds {

/// What identifies one version of a file in a cache key: "ABSOLUTE_PATH\tSIZE\tMODIFICATION_TIME" (size 0 when it
/// cannot be read), so a cache entry is missed once the file is replaced or edited.
std::string fileFingerprint(const std::string& path);

}  // namespace m2ds
