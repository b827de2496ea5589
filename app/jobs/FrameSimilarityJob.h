#pragma once
#include <cstddef>

#include "views/LayerViewData.h"

namespace m2ds {

class ProgressMonitor;

/// A JobQueue job: the cosine similarity of every frame of a layer view to one frame (core FrameColouring).
class FrameSimilarityJob {
public:
    FrameSimilarityJob(LayerViewDataPtr view, std::size_t frame) : view_(std::move(view)), frame_(frame) {}

    /// Runs on a job thread; throws InvalidArgument on a frame past the end.
    FrameSimilarityDataPtr operator()(const ProgressMonitor& monitor) const;

private:
    LayerViewDataPtr view_;
    std::size_t frame_;
};

}  // namespace m2ds
