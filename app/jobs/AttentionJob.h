#pragma once
#include <memory>

#include "views/AttentionMapData.h"
#include "views/RecordingData.h"

namespace m2ds {

class M2dsModel;
class ProgressMonitor;

/// What an attention request asks for: the clicked point and which block and head.
struct AttentionRequest {
    double seconds = 0.0;
    int melBin = 0;
    int layer = 1;   ///< 1 … depth
    int head = -1;   ///< −1: the mean over heads
};

/// A JobQueue job: the attention map of the clicked patch (core PatchAttention).
class AttentionJob {
public:
    AttentionJob(std::shared_ptr<const M2dsModel> model, RecordingDataPtr recording, const AttentionRequest& request)
        : model_(std::move(model)), recording_(std::move(recording)), request_(request) {}

    /// Runs on a job thread; throws InvalidArgument on a layer or head out of range.
    AttentionMapDataPtr operator()(const ProgressMonitor& monitor) const;

private:
    std::shared_ptr<const M2dsModel> model_;
    RecordingDataPtr recording_;
    AttentionRequest request_;
};

}  // namespace m2ds
