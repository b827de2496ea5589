#include "jobs/AttentionJob.h"

#include "analysis/PatchAttention.h"
#include "common/ProgressMonitor.h"
#include "model/M2dsModel.h"

namespace m2ds {

AttentionMapDataPtr AttentionJob::operator()(const ProgressMonitor& monitor) const {
    M2dsModel::setComputeThreads(0);  // LibTorch's CPU threads are set per calling thread: every core for this job
    monitor.throwIfCancelled();
    const RecordingData& recording = *recording_;
    const PatchAttention attention(*model_, recording.logMel.data(), recording.melCount, recording.frameCount, recording.framesPerSecond);
    PatchAttentionResult result = attention.at(request_.seconds, request_.melBin, request_.layer, request_.head);
    const ModelConfig& config = model_->config();
    auto map = std::make_shared<AttentionMapData>();
    map->chunk = result.query.chunk;
    map->token = result.query.token;
    map->layer = result.layer;
    map->head = result.head;
    map->gridRows = config.gridRows();
    map->gridCols = config.gridCols();
    map->patchTime = config.patchTime;
    map->patchFrequency = config.patchFrequency;
    map->inputFrames = config.inputFrames;
    map->weights = std::move(result.weights);
    map->clsWeight = result.clsWeight;
    return map;
}

}  // namespace m2ds
