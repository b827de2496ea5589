#pragma once
#include <functional>
#include <string>
#include <vector>

#include "common/FloatArray.h"

namespace m2ds {

class M2dsModel;
class ProgressMonitor;

/// Receives one recording's embeddings in time order: the first frame index, the recording's total frame count,
/// and one [frames, dim] array per selected layer (same order as the selection).
using FrameEmbeddingSink =
    std::function<void(std::size_t firstFrame, std::size_t totalFrames, const std::vector<FloatArray>& layers)>;

/// A recording's file → 16 kHz mono → log-mel → (x − mean)/std with the model's stats → embeddings of the
/// selected layers, streamed to a sink. Frame i spans [i, i+1)·frameSeconds().
class RecordingEmbeddings {
public:
    /// threads: front-end threads (0 = all).
    RecordingEmbeddings(const M2dsModel& model, std::vector<int> layers, int threads = 0);

    /// Throws InputError for an unusable file. Returns the number of embedding frames produced.
    std::size_t extract(const std::string& path, const FrameEmbeddingSink& sink, const ProgressMonitor* monitor = nullptr) const;
    /// Seconds per embedding frame: patchTime · hop / sample rate (0.02 s for M2D-S).
    double frameSeconds() const;
    const std::vector<int>& layers() const { return layers_; }

private:
    const M2dsModel& model_;
    std::vector<int> layers_;
    int threads_;
};

}  // namespace m2ds
