#include "features/HubertFolderCache.h"

#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>

#include "features/FileFingerprint.h"
#include "model/hubert/HubertCheckpoint.h"

namespace m2ds {
namespace {
namespace fs = std::filesystem;

/// What a folder was opened from: the folder itself (its time changes when a file is added or removed) and the
/// config.json and weights file it named, as fileFingerprint() saw them before reading; empty when one of them was
/// modified in the last 2 s (file times are coarse: a same-size rewrite just after could keep the time).
std::string versionOf(const std::string& folder, const HubertCheckpoint& files) {
    std::string version;
    for (const std::string& path : {folder, files.configPath, files.weightsPath}) {
        std::error_code error;
        const auto modified = fs::last_write_time(fs::u8path(path), error);
        if (error || fs::file_time_type::clock::now() - modified < std::chrono::seconds(2)) return {};
        version += fileFingerprint(path) + "\n";
    }
    return version;
}

/// The folder kept: the request and the version of its files.
struct KeptFolder {
    std::string path, device, version;
    HubertFolder folder;
};

}  // namespace

HubertFolder HubertFolderCache::open(const std::string& path, const std::string& device) {
    static std::mutex mutex;
    static auto* kept = new std::optional<KeptFolder>();  // never destroyed: a CUDA model must not outlive the runtime at exit
    std::error_code error;  // the folder as the file system names it (., .., links, a trailing /); as given if it is not there
    const fs::path canonical = fs::weakly_canonical(fs::u8path(path), error);
    const std::string folder = error ? path : canonical.string();
    const std::string version = versionOf(folder, HubertCheckpoint::readWithoutWeights(folder));  // before the seconds of reading
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (*kept && !version.empty() && (*kept)->path == folder && (*kept)->device == device && (*kept)->version == version)
            return (*kept)->folder;
    }
    HubertFolder opened = HubertFolder::open(path, device);  // outside the lock: seconds for a base model
    std::lock_guard<std::mutex> lock(mutex);
    *kept = KeptFolder{folder, device, version, opened};
    return opened;
}

}  // namespace m2ds
