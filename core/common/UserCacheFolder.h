#pragma once
#include <string>

namespace m2ds {

/// The per-user cache folder of one kind of cached result: $XDG_CACHE_HOME/m2ds/<name>, else ~/.cache/m2ds/<name>,
/// else .m2ds-cache/<name> in the working folder. Nothing is created.
std::string userCacheFolder(const std::string& name);

}  // namespace m2ds
