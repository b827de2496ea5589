#include "features/HubertFolderCache.h"

#include <filesystem>
#include <mutex>
#include <optional>

#include "features/FileFingerprint.h"

namespace m2ds {
namespace {

/// What the kept folder was opened from: the request, and its two files as they were then.
struct KeptFolder {
    std::string path, device, configVersion, weightsVersion;
    HubertFolder folder;
};

}  // namespace

HubertFolder HubertFolderCache::open(const std::string& path, const std::string& device) {
    static std::mutex mutex;
    static std::optional<KeptFolder> kept;
    std::error_code error;  // the folder as the file system names it (., .., links, a trailing /); as given if it is not there
    const std::filesystem::path canonical = std::filesystem::weakly_canonical(std::filesystem::u8path(path), error);
    const std::string absolute = error ? path : canonical.string();
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (kept && kept->path == absolute && kept->device == device && kept->configVersion == fileFingerprint(kept->folder.configPath) &&
            kept->weightsVersion == fileFingerprint(kept->folder.weightsPath))
            return kept->folder;
    }
    HubertFolder folder = HubertFolder::open(path, device);  // outside the lock: seconds for a base model
    std::lock_guard<std::mutex> lock(mutex);
    kept = KeptFolder{absolute, device, fileFingerprint(folder.configPath), fileFingerprint(folder.weightsPath), folder};
    return folder;
}

}  // namespace m2ds
