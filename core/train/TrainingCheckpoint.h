#pragma once
#include <string>
#include <vector>

#include "model/ModelConfig.h"
#include "model/StateDict.h"
#include "train/TrainConfig.h"
#include "train/TrainingState.h"

namespace m2ds {

/// A training checkpoint: our `.safetensors` (the model under official names, so Inspect, `m2ds extract` and
/// Python's safetensors open it as is) plus AdamW moments under "optimizer.*" and, in `__metadata__`, the run
/// settings (`m2ds.train_config`) and resume state (`m2ds.training_state`).
struct TrainingCheckpoint {
    ModelConfig model;     ///< geometry; norm stats = the speech set's statistics
    TrainConfig train;
    TrainingState state;
    StateDict weights;
    StateDict optimiser;

    /// Writes atomically (temp + fsync + rename); throws OutputError, leaving any older file intact.
    void save(const std::string& path) const;
    /// Throws InputError naming the file when it is not a training checkpoint of ours.
    static TrainingCheckpoint load(const std::string& path);
    /// The most recently written `checkpoint-*.safetensors` in `folder`; empty when there is none.
    static std::string latestIn(const std::string& folder);
    /// All `checkpoint-*.safetensors` in `folder`, oldest first (by write time; those of one tick of the file clock in
    /// the order of training that their names give).
    static std::vector<std::string> listIn(const std::string& folder);
};

}  // namespace m2ds
