#include "features/ModelLayerFeatures.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "analysis/RecordingEmbeddings.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "common/Sha256.h"
#include "model/M2dsModel.h"

namespace m2ds {
namespace {

/// Appends the frames [n, D] of `layer` to `features` [T, D].
void appendFrames(FloatArray& features, const FloatArray& layer) {
    features.values.insert(features.values.end(), layer.values.begin(), layer.values.end());
    features.shape[0] += layer.shape[0];
}

}  // namespace

ModelLayerFeatures::ModelLayerFeatures(const M2dsModel& model, int layer, const std::string& checkpointPath, int threads)
    : model_(model), layer_(layer), threads_(threads) {
    const int depth = model.config().depth;
    if (layer < 0 || layer > depth)
        throw InvalidArgument("layer " + std::to_string(layer) + " is outside the model (0 = patch embedding .. " + std::to_string(depth) + ")");
    identity_ = nlohmann::json{{"kind", "model_layer"}, {"checkpoint", checkpointPath}, {"checkpoint_sha256", sha256OfFile(checkpointPath)},
                               {"layer", layer}, {"norm_stats", {model.config().normMean, model.config().normStd}}}
                    .dump();
}

std::size_t ModelLayerFeatures::dimension() const { return static_cast<std::size_t>(model_.config().frameFeatureDim()); }

double ModelLayerFeatures::framesPerSecond() const { return 1.0 / RecordingEmbeddings(model_, {layer_}, threads_).frameSeconds(); }

std::string ModelLayerFeatures::identity() const { return identity_; }

FloatArray ModelLayerFeatures::extract(const std::string& path, const ProgressMonitor* monitor) const {
    FloatArray features{{0, dimension()}, {}};
    RecordingEmbeddings(model_, {layer_}, threads_).extract(path, [&](std::size_t, std::size_t, const std::vector<FloatArray>& layers) {
        appendFrames(features, layers[0]);
    }, monitor);
    return features;
}

void ModelLayerFeatures::extractEach(const std::vector<std::string>& paths, const FileFeaturesSink& sink, const ProgressMonitor& monitor) const {
    FloatArray features;
    RecordingsSink recordings;
    recordings.begin = [&](std::size_t) { features = FloatArray{{0, dimension()}, {}}; };
    recordings.frames = [&](std::size_t, std::size_t, const std::vector<FloatArray>& layers) { appendFrames(features, layers[0]); };
    recordings.end = [&](std::size_t i) { sink.features(i, std::move(features)); };
    recordings.unusable = sink.unusable;
    const double count = double(std::max<std::size_t>(paths.size(), 1));
    RecordingEmbeddings(model_, {layer_}, threads_).extractAll(paths, recordings, [&](std::size_t i) {
        return monitor.slice(double(i) / count, double(i + 1) / count);
    });
}

}  // namespace m2ds
