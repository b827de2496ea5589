#pragma once
#include <string>

namespace m2ds::cli {

/// The workbench's read-only data (presets, demo): $M2DS_DATA_DIR if set, else <executable dir>/../share/m2ds-workbench,
/// which is right both in the build tree (build/bin, build/share) and in an installed prefix.
std::string dataDirectory();

}  // namespace m2ds::cli
