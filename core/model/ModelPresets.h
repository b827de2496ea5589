#pragma once
#include <string>
#include <vector>

#include "model/ModelConfig.h"

namespace m2ds {

/// The geometries in a presets folder (models/presets/*.json), sorted by file name.
namespace ModelPresets {

/// Reads every *.json in `directory`; a missing folder gives an empty list; a malformed file throws InputError.
std::vector<ModelConfig> loadDirectory(const std::string& directory);
/// The preset whose folderName() or name equals `key`; throws InvalidArgument listing the known ones.
ModelConfig find(const std::vector<ModelConfig>& presets, const std::string& key);

}  // namespace ModelPresets
}  // namespace m2ds
