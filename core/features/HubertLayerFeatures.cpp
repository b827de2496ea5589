#include "features/HubertLayerFeatures.h"

#include <nlohmann/json.hpp>

#include "audio/WaveformLoader.h"
#include "common/Errors.h"
#include "common/Sha256.h"
#include "model/hubert/HubertModel.h"
#include "model/hubert/TeacherNormalisation.h"

namespace m2ds {
namespace {
constexpr int kSampleRate = 16000;
}

HubertLayerFeatures::HubertLayerFeatures(const HubertModel& model, int layer, const std::string& weightsPath) : model_(model), layer_(layer) {
    if (layer < 0 || layer >= model.stateCount())
        throw InvalidArgument("layer " + std::to_string(layer) + " is outside the HuBERT model (hidden_states 0 = transformer input .. " +
                              std::to_string(model.stateCount() - 1) + ")");
    identity_ = nlohmann::json{{"kind", "hubert_layer"}, {"checkpoint", weightsPath}, {"checkpoint_sha256", sha256OfFile(weightsPath)},
                               {"layer", layer}, {"model", model.config().summary()},
                               {"input_normalisation", "Wav2Vec2Processor do_normalize: (x - mean) / sqrt(var + 1e-7) per recording"}}
                    .dump();
}

std::size_t HubertLayerFeatures::dimension() const { return static_cast<std::size_t>(model_.config().hiddenSize); }

double HubertLayerFeatures::framesPerSecond() const { return double(kSampleRate) / double(model_.config().hopSamples()); }

std::string HubertLayerFeatures::identity() const { return identity_; }

FloatArray HubertLayerFeatures::extract(const std::string& path, const ProgressMonitor* monitor) const {
    const std::vector<float> wave = normaliseForHubert(WaveformLoader(kSampleRate).load(path, monitor).samples);
    return model_.hiddenStates(wave, {layer_}).front();
}

}  // namespace m2ds
