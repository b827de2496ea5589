#pragma once
#include <string>

#include "checkpoint/ImportedCheckpoint.h"
#include "model/M2dsModel.h"

namespace m2ds::cli {

/// Reads a checkpoint with the presets of the data directory (for head counts); throws InputError.
ImportedCheckpoint importCheckpoint(const std::string& path);
/// The network of an imported checkpoint; a key or shape that does not fit its geometry is an InputError naming the
/// checkpoint's file.
M2dsModel modelFrom(const ImportedCheckpoint& checkpoint, M2dsModel::Parts parts = M2dsModel::Parts::AsInWeights);

}  // namespace m2ds::cli
