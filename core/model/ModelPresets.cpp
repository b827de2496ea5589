#include "model/ModelPresets.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/Errors.h"

namespace m2ds::ModelPresets {

std::vector<ModelConfig> loadDirectory(const std::string& directory) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(fs::u8path(directory), error))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::vector<ModelConfig> presets;
    for (const auto& file : files) {
        std::ifstream in(file);
        std::stringstream text;
        text << in.rdbuf();
        try {
            presets.push_back(ModelConfig::fromJson(text.str()));
        } catch (const InvalidArgument& invalid) {
            throw InputError(file.u8string(), invalid.what());
        }
    }
    return presets;
}

ModelConfig find(const std::vector<ModelConfig>& presets, const std::string& key) {
    std::string known;
    for (const ModelConfig& preset : presets) {
        if (preset.folderName() == key || preset.name == key) return preset;
        known += (known.empty() ? "" : ", ") + preset.folderName();
    }
    throw InvalidArgument("no model preset '" + key + "' (known: " + (known.empty() ? "none" : known) + ")");
}

}  // namespace m2ds::ModelPresets
