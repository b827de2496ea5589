#include "jobs/ReadoutJob.h"

#include "analysis/ReadoutTraining.h"
#include "common/Errors.h"
#include "model/M2dsModel.h"

namespace m2ds {

FittedReadout ReadoutJob::operator()(const ProgressMonitor& monitor) const {
    M2dsModel::setComputeThreads(0);  // LibTorch's CPU threads are set per calling thread: every core for this job
    std::vector<ReadoutRecording> recordings;
    for (const RecordingDataPtr& recording : recordings_)
        recordings.push_back({recording->logMel.data(), recording->melCount, recording->frameCount, recording->framesPerSecond});
    if (recordings.empty()) throw InvalidArgument("no recording is open to fit the reconstruction readout on");
    auto readout = std::make_shared<const LinearReadout>(ReadoutTraining::fit(*model_, recordings, model_->config().maskRatio, monitor));
    return {readout, {readout->r2(), readout->lambda(), readout->trainingRows(), readout->heldOutRows(), int(recordings.size())}};
}

}  // namespace m2ds
