#pragma once
#include <string>

#include "checkpoint/ImportedCheckpoint.h"

namespace m2ds::cli {

/// Reads a checkpoint with the presets of the data directory (for head counts); throws InputError.
ImportedCheckpoint importCheckpoint(const std::string& path);

}  // namespace m2ds::cli
