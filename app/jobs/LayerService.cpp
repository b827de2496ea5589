#include "jobs/LayerService.h"

#include <algorithm>
#include <cmath>

#include "jobs/AttentionJob.h"
#include "jobs/FrameSimilarityJob.h"
#include "jobs/LayerViewJob.h"
#include "jobs/ModelService.h"

namespace m2ds {

LayerService::LayerService(ModelService& models, QObject* parent)
    : QObject(parent), models_(models), views_(QStringLiteral("layer-view"), JobQueue::Policy::LatestWins),
      similarities_(QStringLiteral("similarity"), JobQueue::Policy::LatestWins), attention_(QStringLiteral("attention"), JobQueue::Policy::LatestWins) {
    qRegisterMetaType<m2ds::LayerViewDataPtr>("m2ds::LayerViewDataPtr");
    qRegisterMetaType<m2ds::FrameSimilarityDataPtr>("m2ds::FrameSimilarityDataPtr");
    qRegisterMetaType<m2ds::AttentionMapDataPtr>("m2ds::AttentionMapDataPtr");
    for (JobQueue* queue : {&views_, &similarities_, &attention_})
        connect(queue, &JobQueue::failed, this, [this](int, const QString& message) { emit failed(message); });
}

void LayerService::view(RecordingDataPtr recording, int layer) {
    if (!recording) return;
    if (!models_.network()) return emit failed(tr("no model is loaded"));
    similarities_.cancelAll();
    const LayerViewJob job(models_.network(), std::move(recording), layer);
    views_.run<LayerViewDataPtr>(job, [this](int, LayerViewDataPtr view) {
        view_ = view;
        emit viewReady(std::move(view));
    });
}

void LayerService::similarityAt(double seconds) {
    if (!view_ || view_->frames == 0) return;
    const auto frame = std::size_t(std::clamp(std::floor(seconds / view_->secondsPerFrame), 0.0, double(view_->frames - 1)));
    similarities_.run<FrameSimilarityDataPtr>(FrameSimilarityJob(view_, frame),
                                              [this](int, FrameSimilarityDataPtr similarity) { emit similarityReady(std::move(similarity)); });
}

void LayerService::attentionAt(RecordingDataPtr recording, double seconds, int melBin, int layer, int head) {
    if (!recording || !models_.network()) return;
    const AttentionJob job(models_.network(), std::move(recording), {seconds, melBin, layer, head});
    attention_.run<AttentionMapDataPtr>(job, [this](int, AttentionMapDataPtr map) { emit attentionReady(std::move(map)); });
}

void LayerService::clear() {
    views_.cancelAll();
    similarities_.cancelAll();
    attention_.cancelAll();
    view_.reset();
}

}  // namespace m2ds
