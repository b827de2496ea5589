#include "jobs/FrameSimilarityJob.h"

#include "analysis/FrameColouring.h"
#include "common/ProgressMonitor.h"

namespace m2ds {

FrameSimilarityDataPtr FrameSimilarityJob::operator()(const ProgressMonitor& monitor) const {
    monitor.throwIfCancelled();
    const RowMatrix frames{view_->frames, view_->dim, view_->embeddings};
    auto similarity = std::make_shared<FrameSimilarityData>();
    similarity->layer = view_->layer;
    similarity->frame = frame_;
    similarity->secondsPerFrame = view_->secondsPerFrame;
    similarity->cosine = FrameColouring::cosineTo(frames, frame_);
    return similarity;
}

}  // namespace m2ds
