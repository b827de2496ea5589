#include "cli/DataDirectory.h"

#include <cstdlib>
#include <filesystem>

#include "model/ModelPresets.h"

namespace m2ds::cli {

std::string dataDirectory() {
    if (const char* overridden = std::getenv("M2DS_DATA_DIR")) return overridden;
    std::error_code error;
    const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error) return "share/m2ds";
    return (executable.parent_path() / ".." / "share" / "m2ds").lexically_normal().string();
}

std::vector<ModelConfig> bundledPresets() { return ModelPresets::loadDirectory(dataDirectory() + "/presets"); }

}  // namespace m2ds::cli
