#pragma once
#include <string>
#include <vector>

#include "model/ModelConfig.h"

namespace m2ds::cli {

/// The workbench's read-only data (presets, demo): $M2DS_DATA_DIR if set, else <executable dir>/../share/m2ds,
/// which is right both in the build tree (build/bin, build/share) and in an installed prefix.
std::string dataDirectory();

/// The model presets shipped in <dataDirectory()>/presets (head counts for imports, geometries for training).
std::vector<ModelConfig> bundledPresets();

}  // namespace m2ds::cli
