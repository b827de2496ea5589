#pragma once
#include <cstdint>
#include <string>

#include "data/SampleSettings.h"

namespace m2ds {

/// Everything besides tensors that an exact resume needs. The data order and every random draw (crops, noise
/// picks, masks) are pure functions of the seed and the position, so the position is the whole RNG state.
struct TrainingState {
    std::int64_t nextEpoch = 0;         ///< where the data order continues
    std::int64_t nextStep = 0;          ///< data iteration within nextEpoch
    std::int64_t iterations = 0;        ///< data iterations done in total
    std::int64_t optimiserUpdates = 0;
    double lossScale = 1.0;             ///< fp16 GradScaler state
    int lossScaleGrowthTracker = 0;
    DatasetStatistics statistics;
    int worldSize = 1;
    std::string teacherKind;            ///< "mfcc40", "npz", "model:…", "none"
    std::string speechSource, noiseSource;

    std::string toJson() const;
    /// Throws InvalidArgument on malformed JSON.
    static TrainingState fromJson(const std::string& json);
};

}  // namespace m2ds
