#include "audio/AudioFileNames.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "common/Errors.h"

namespace m2ds {
namespace fs = std::filesystem;

bool isAudioPath(const std::string& path) {
    static const char* kAudio[] = {".wav", ".flac", ".ogg", ".opus", ".mp3", ".aiff", ".aif", ".au"};
    std::string extension = fs::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::any_of(std::begin(kAudio), std::end(kAudio), [&](const char* known) { return extension == known; });
}

std::vector<std::string> findAudioFiles(const std::string& folder) {
    std::vector<std::string> files;
    std::error_code error;
    fs::recursive_directory_iterator entry(folder, fs::directory_options::follow_directory_symlink, error);
    for (; !error && entry != fs::recursive_directory_iterator(); entry.increment(error))
        if (entry->is_regular_file() && isAudioPath(entry->path().string())) files.push_back(fs::absolute(entry->path()).lexically_normal().string());
    if (error) throw InputError(folder, "cannot be listed: " + error.message());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace m2ds
