#include "jobs/InspectionJob.h"

#include "analysis/MaskedInspection.h"
#include "analysis/PatchReconstruction.h"
#include "common/ProgressMonitor.h"
#include "analysis/LinearReadout.h"
#include "model/M2dsModel.h"

namespace m2ds {
namespace {

void moveImages(PatchImages images, InspectionData& data) {
    data.melCount = images.melCount;
    data.modelInput = std::move(images.modelInput);
    data.reconstruction = std::move(images.reconstruction);
    data.targetReadout = std::move(images.targetReadout);
    data.patchError = std::move(images.patchError);
    data.meanPatchError = images.meanPatchError;
}

}  // namespace

InspectionDataPtr InspectionJob::operator()(const ProgressMonitor& monitor) const {
    M2dsModel::setComputeThreads(0);  // LibTorch's CPU threads are set per calling thread: every core for this job
    monitor.throwIfCancelled();
    const RecordingData& recording = *recording_;
    const MaskedInspection inspection(*model_, recording.logMel.data(), recording.melCount, recording.frameCount, recording.framesPerSecond);
    const bool images = model_->hasTrainingParts();
    MaskedInspectionResult result = inspection.run(request_.seed, request_.maskRatio, request_.fromSeconds, request_.toSeconds, kMaxChunks, images);
    const ModelConfig& config = model_->config();
    auto data = std::make_shared<InspectionData>();
    if (images) moveImages(PatchReconstruction(config, inspection.geometry()).draw(result, readout_.get()), *data);
    if (readout_) data->readoutR2 = readout_->r2();
    data->firstChunk = result.chunks.first;
    data->chunkCount = result.chunks.count;
    data->gridRows = config.gridRows();
    data->gridCols = config.gridCols();
    data->patchTime = config.patchTime;
    data->patchFrequency = config.patchFrequency;
    data->inputFrames = config.inputFrames;
    data->recordingFrames = recording.frameCount;
    data->seed = request_.seed;
    data->maskRatio = request_.maskRatio;
    data->masked = std::move(result.masked);
    data->tokenLoss = std::move(result.tokenLoss);
    data->meanLoss = result.meanLoss;
    data->offlineDim = result.offlineDim;
    data->offline = std::move(result.offline);
    return data;
}

}  // namespace m2ds
