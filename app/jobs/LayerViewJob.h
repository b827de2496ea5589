#pragma once
#include <memory>

#include "views/LayerViewData.h"
#include "views/RecordingData.h"

namespace m2ds {

class M2dsModel;
class ProgressMonitor;

/// A JobQueue job: a layer of the whole recording through core's LayerPca (embeddings, PCA, a colour per frame).
class LayerViewJob {
public:
    LayerViewJob(std::shared_ptr<const M2dsModel> model, RecordingDataPtr recording, int layer)
        : model_(std::move(model)), recording_(std::move(recording)), layer_(layer) {}

    /// Runs on a job thread; throws InvalidArgument on a layer out of range.
    LayerViewDataPtr operator()(const ProgressMonitor& monitor) const;

private:
    std::shared_ptr<const M2dsModel> model_;
    RecordingDataPtr recording_;
    int layer_;
};

}  // namespace m2ds
