#pragma once
#include <string>
#include <vector>

#include "model/ModelConfig.h"
#include "model/StateDict.h"

namespace m2ds {

/// A checkpoint read into memory: weights under official names, the geometry, and where each came from.
struct ImportedCheckpoint {
    std::string path;
    std::string format;                 ///< "PyTorch .pth", "safetensors"
    ModelConfig config;
    std::string configSource;           ///< how the geometry was found, for the user
    bool normStatsFromFile = false;     ///< false: the spec's fallback [-7.1, 4.2]
    StateDict weights;
    std::vector<std::string> contents;  ///< top-level entries of the file (model, optimizer, epoch, args, ...)
    int epoch = -1;
    std::string provenanceJson;         ///< our files: where the weights came from; empty otherwise

    /// True when the file carries the predictor, target encoder (and maybe offline head), not just the encoder.
    bool hasTrainingParts() const;
};

}  // namespace m2ds
