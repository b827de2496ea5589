#include "features/ModelLayerEmbeddings.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "analysis/RecordingEmbeddings.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "common/Sha256.h"
#include "model/M2dsModel.h"

namespace m2ds {

ModelLayerEmbeddings::ModelLayerEmbeddings(const M2dsModel& model, std::vector<int> layers, const std::string& checkpointPath, int threads)
    : model_(model), layers_(std::move(layers)), threads_(threads) {
    const int depth = model.config().depth;
    if (layers_.empty()) throw InvalidArgument("no layer chosen (0 = patch embedding .. " + std::to_string(depth) + ")");
    for (const int layer : layers_)
        if (layer < 0 || layer > depth)
            throw InvalidArgument("layer " + std::to_string(layer) + " is outside the model (0 = patch embedding .. " + std::to_string(depth) + ")");
    identity_ = nlohmann::json{{"kind", "model_layers"}, {"checkpoint", checkpointPath}, {"checkpoint_sha256", sha256OfFile(checkpointPath)},
                               {"layers", layers_}, {"norm_stats", {model.config().normMean, model.config().normStd}}}
                    .dump();
}

std::size_t ModelLayerEmbeddings::dimension() const { return static_cast<std::size_t>(model_.config().frameFeatureDim()); }

double ModelLayerEmbeddings::framesPerSecond() const { return 1.0 / RecordingEmbeddings(model_, layers_, threads_).frameSeconds(); }

std::size_t ModelLayerEmbeddings::extract(const std::string& path, const LayerFramesSink& sink, const ProgressMonitor* monitor) const {
    return RecordingEmbeddings(model_, layers_, threads_).extract(path, [&](std::size_t, std::size_t, const std::vector<FloatArray>& layers) {
        sink(layers);
    }, monitor);
}

void ModelLayerEmbeddings::extractEach(const std::vector<std::string>& paths, const RecordingFramesSink& sink, const ProgressMonitor* monitor) const {
    std::size_t current = 0;  // the recording between begin and end
    RecordingsSink recordings;
    recordings.begin = [&](std::size_t i) { current = i; };
    recordings.frames = [&](std::size_t, std::size_t, const std::vector<FloatArray>& layers) { sink.frames(current, layers); };
    recordings.end = sink.done;
    recordings.unusable = sink.unusable;
    const double count = double(std::max<std::size_t>(paths.size(), 1));
    RecordingEmbeddings(model_, layers_, threads_).extractAll(paths, recordings, [&](std::size_t i) {
        return monitor ? monitor->slice(double(i) / count, double(i + 1) / count) : ProgressMonitor();
    });
}

}  // namespace m2ds
