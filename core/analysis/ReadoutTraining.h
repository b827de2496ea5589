#pragma once
#include <cstddef>
#include <vector>

#include "analysis/LinearReadout.h"

namespace m2ds {

class M2dsModel;
class ProgressMonitor;

/// One recording's log-mel for ReadoutTraining: [melCount, frames] row-major ln power, not normalised.
struct ReadoutRecording {
    const float* logMel = nullptr;
    int melCount = 0;
    std::size_t frames = 0;
    double framesPerSecond = 100.0;
};

/// Fits the masked-reconstruction readout of a model: the target encoder's latents of masked patches (ReadoutFeatures)
/// → the patches' normalised log-mel values, over every model input of the given recordings under kSeeds masks
/// (seeds 0 … kSeeds − 1, as MaskedInspection draws them). Rows are held out by position, never by mask: every fifth
/// run of heldOutRun() patch columns, so a held-out patch is in no training row under any seed.
class ReadoutTraining {
public:
    static constexpr int kSeeds = 4;
    /// The longest held-out run: 25 columns (0.5 s with 80x2 patches).
    static constexpr std::size_t kHeldOutColumns = 25;
    /// Rows kept at most (every k-th row beyond it), bounding memory for long recordings.
    static constexpr std::size_t kMaxRows = 24000;

    /// The readout with λ chosen on the held-out rows; throws InvalidArgument without a predictor or with too few
    /// patches, CancelledError through `monitor`.
    static LinearReadout fit(const M2dsModel& model, const std::vector<ReadoutRecording>& recordings, double maskRatio,
                             const ProgressMonitor& monitor);
    /// The held-out run length for recordings of `totalColumns` patch columns in all: a twentieth of them, between 1
    /// and kHeldOutColumns, so that short recordings are held out too.
    static std::size_t heldOutRun(std::size_t totalColumns);
    /// True when patch column `column` (counted from its recording's start) is held out, with runs of `run` columns.
    static bool isHeldOut(std::size_t column, std::size_t run);
};

}  // namespace m2ds
