#include "features/FileFingerprint.h"

#include <filesystem>

namespace m2ds {
namespace fs = std::filesystem;

std::string fileFingerprint(const std::string& path) {
    std::error_code error;
    const auto size = fs::file_size(path, error);
    const auto time = fs::last_write_time(path, error).time_since_epoch().count();
    return fs::absolute(path).string() + "\t" + std::to_string(error ? 0 : size) + "\t" + std::to_string(time);
}

}  // namespace m2ds
