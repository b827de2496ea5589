#include "jobs/LayerViewJob.h"

#include "analysis/LayerPca.h"
#include "common/ProgressMonitor.h"
#include "model/M2dsModel.h"

namespace m2ds {

LayerViewDataPtr LayerViewJob::operator()(const ProgressMonitor& monitor) const {
    M2dsModel::setComputeThreads(0);  // LibTorch's CPU threads are set per calling thread: every core for this job
    monitor.throwIfCancelled();
    const RecordingData& recording = *recording_;
    LayerPcaResult result = LayerPca::compute(*model_, recording.logMel.data(), recording.melCount, recording.frameCount, layer_);
    auto view = std::make_shared<LayerViewData>();
    view->path = recording.path;
    view->layer = layer_;
    view->frames = result.embeddings.rows;
    view->secondsPerFrame = model_->config().patchTime / recording.framesPerSecond;
    view->rgb = std::move(result.rgb);
    view->explained = std::move(result.explained);
    view->dim = result.embeddings.cols;
    view->embeddings = std::move(result.embeddings.values);
    return view;
}

}  // namespace m2ds
