#include "features/HubertLayerFeatures.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "common/Sha256.h"
#include "features/HubertRecordings.h"
#include "model/hubert/HubertBatching.h"
#include "model/hubert/HubertModel.h"

namespace m2ds {
HubertLayerFeatures::HubertLayerFeatures(const HubertModel& model, int layer, const std::string& weightsPath, std::size_t batch)
    : model_(model), layer_(layer), batch_(batch) {
    if (layer < 0 || layer >= model.stateCount())
        throw InvalidArgument("layer " + std::to_string(layer) + " is outside the HuBERT model (hidden_states 0 = transformer input .. " +
                              std::to_string(model.stateCount() - 1) + ")");
    identity_ = nlohmann::json{{"kind", "hubert_layer"}, {"checkpoint", weightsPath}, {"checkpoint_sha256", sha256OfFile(weightsPath)},
                               {"layer", layer}, {"model", model.config().summary()},
                               {"input_normalisation", "Wav2Vec2Processor do_normalize: (x - mean) / sqrt(var + 1e-7) per recording"}}
                    .dump();
}

std::size_t HubertLayerFeatures::dimension() const { return static_cast<std::size_t>(model_.config().hiddenSize); }

double HubertLayerFeatures::framesPerSecond() const { return model_.config().framesPerSecond(); }

std::string HubertLayerFeatures::identity() const { return identity_; }

FloatArray HubertLayerFeatures::extract(const std::string& path, const ProgressMonitor* monitor) const {
    return model_.hiddenStates(hubertInputOf(path, monitor), {layer_}).front();
}

void HubertLayerFeatures::extractEach(const std::vector<std::string>& paths, const FileFeaturesSink& sink, const ProgressMonitor& monitor) const {
    HubertRecordingsSink recordings;
    recordings.states = [&](std::size_t i, std::vector<FloatArray>&& states) { sink.features(i, std::move(states.front())); };
    recordings.unusable = sink.unusable;
    const double count = double(std::max<std::size_t>(paths.size(), 1));
    hiddenStatesOfRecordings(model_, paths, {layer_}, hubertBatchLimits(model_.device(), batch_), recordings,
                             [&](std::size_t i) { return monitor.slice(double(i) / count, double(i + 1) / count); });
}

}  // namespace m2ds
