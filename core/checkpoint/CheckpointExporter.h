#pragma once
#include <string>

#include "model/ModelConfig.h"
#include "model/StateDict.h"

namespace m2ds {

/// Writes weights for use elsewhere; every write is atomic (temp file + rename) and throws OutputError.
namespace CheckpointExporter {

/// This project's format: safetensors with the official key names and, in `__metadata__`, the geometry
/// (`m2ds.config`, ModelConfig JSON, norm stats included) and `m2ds.provenance` (free JSON).
void writeSafetensors(const std::string& path, const ModelConfig& config, const StateDict& weights,
                      const std::string& provenanceJson);

/// A `.pth` holding {'model': {name: tensor}} that `torch.load(path, weights_only=True)` accepts and the
/// official runtime (`portable_m2d.py`, `runtime_audio.py`) loads as is.
void writePth(const std::string& path, const StateDict& weights);

}  // namespace CheckpointExporter
}  // namespace m2ds
