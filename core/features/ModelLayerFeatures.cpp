#include "features/ModelLayerFeatures.h"

#include <nlohmann/json.hpp>

#include "analysis/RecordingEmbeddings.h"
#include "common/Errors.h"
#include "common/Sha256.h"
#include "model/M2dsModel.h"

namespace m2ds {

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
    FloatArray features;
    features.shape = {0, dimension()};
    RecordingEmbeddings(model_, {layer_}, threads_).extract(path, [&](std::size_t, std::size_t, const std::vector<FloatArray>& layers) {
        features.values.insert(features.values.end(), layers[0].values.begin(), layers[0].values.end());
    }, monitor);
    features.shape[0] = features.values.size() / dimension();
    return features;
}

}  // namespace m2ds
