#pragma once
#include <cstddef>
#include <vector>

#include "common/FloatArray.h"

namespace m2ds {

/// One rank's share of one global batch, ready for the model.
struct TrainingBatch {
    std::size_t epoch = 0;
    std::size_t step = 0;           ///< data iteration within the epoch
    std::size_t size = 0;           ///< samples B
    std::size_t melCount = 0;
    std::size_t frames = 0;         ///< crop frames T
    std::size_t teacherFrames = 0;  ///< patch columns
    std::size_t teacherDim = 0;     ///< 0 without teacher targets
    std::vector<float> inputs;      ///< [B, 1, mel, T]
    std::vector<float> teacher;     ///< [B, teacherFrames, teacherDim]

    /// A batch of given arrays: inputs [B, 1, mel, T] and teacher [B, teacherFrames, teacherDim] (may be empty).
    static TrainingBatch fromArrays(const FloatArray& inputs, const FloatArray& teacher) {
        TrainingBatch batch;
        batch.size = inputs.shape.at(0);
        batch.melCount = inputs.shape.at(2);
        batch.frames = inputs.shape.at(3);
        batch.inputs = inputs.values;
        if (teacher.shape.size() == 3) {
            batch.teacherFrames = teacher.shape[1];
            batch.teacherDim = teacher.shape[2];
            batch.teacher = teacher.values;
        }
        return batch;
    }
};

/// How the data order is split between processes: global batch k is the slice
/// [k·G, (k+1)·G) of the epoch's permutation (G = batchPerRank · worldSize, drop_last), and rank r takes the
/// contiguous part [r·b, (r+1)·b) of it — so any world size sees the same global batches.
struct LoaderLayout {
    std::size_t batchPerRank = 64;
    int worldSize = 1;
    int rank = 0;
    unsigned long long seed = 0;
    int workers = 2;  ///< batches built ahead, each on its own thread
    std::size_t accumIter = 1;  ///< an epoch holds whole accumulation cycles: leftover batches are dropped
    std::size_t globalBatch() const { return batchPerRank * static_cast<std::size_t>(worldSize); }
};

}  // namespace m2ds
