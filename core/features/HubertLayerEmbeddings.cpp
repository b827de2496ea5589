#include "features/HubertLayerEmbeddings.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "audio/WaveformLoader.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "common/Sha256.h"
#include "model/hubert/HubertBatching.h"
#include "model/hubert/HubertModel.h"
#include "model/hubert/TeacherNormalisation.h"

namespace m2ds {
namespace {
constexpr int kHubertEmbeddingRate = 16000;
}

HubertLayerEmbeddings::HubertLayerEmbeddings(const HubertModel& model, std::vector<int> layers, const std::string& weightsPath, std::size_t batch)
    : model_(model), layers_(std::move(layers)), batch_(batch) {
    const std::string range = "hidden_states 0 = transformer input .. " + std::to_string(model.stateCount() - 1);
    if (layers_.empty()) throw InvalidArgument("no layer chosen (" + range + ")");
    for (const int layer : layers_)
        if (layer < 0 || layer >= model.stateCount())
            throw InvalidArgument("layer " + std::to_string(layer) + " is outside the HuBERT model (" + range + ")");
    identity_ = nlohmann::json{{"kind", "hubert_layers"}, {"checkpoint", weightsPath}, {"checkpoint_sha256", sha256OfFile(weightsPath)},
                               {"layers", layers_}, {"model", model.config().summary()},
                               {"input_normalisation", "Wav2Vec2Processor do_normalize: (x - mean) / sqrt(var + 1e-7) per recording"}}
                    .dump();
}

std::size_t HubertLayerEmbeddings::dimension() const { return static_cast<std::size_t>(model_.config().hiddenSize); }

double HubertLayerEmbeddings::framesPerSecond() const { return double(kHubertEmbeddingRate) / double(model_.config().hopSamples()); }

std::vector<float> HubertLayerEmbeddings::normalisedWave(const std::string& path, const ProgressMonitor* monitor) const {
    const ProgressMonitor decoding = monitor ? monitor->slice(0.0, 0.3) : ProgressMonitor();
    std::vector<float> wave = normaliseForHubert(WaveformLoader(kHubertEmbeddingRate).load(path, &decoding).samples);
    if (monitor) monitor->throwIfCancelled();
    return wave;
}

std::size_t HubertLayerEmbeddings::extract(const std::string& path, const LayerFramesSink& sink, const ProgressMonitor* monitor) const {
    const std::vector<FloatArray> states = model_.hiddenStates(normalisedWave(path, monitor), layers_);
    sink(states);
    if (monitor) monitor->report(1.0);
    return states.front().shape[0];
}

void HubertLayerEmbeddings::extractEach(const std::vector<std::string>& paths, const RecordingFramesSink& sink, const ProgressMonitor* monitor) const {
    const BatchLimits limits = hubertBatchLimits(model_.device(), batch_);
    const double count = double(std::max<std::size_t>(paths.size(), 1));
    for (std::size_t first = 0; first < paths.size(); first += limits.items) {
        const std::size_t end = std::min(paths.size(), first + limits.items);
        const auto part = [&](std::size_t i) { return monitor ? monitor->slice(double(i) / count, double(i + 1) / count) : ProgressMonitor(); };
        std::vector<std::vector<float>> waves;
        std::vector<std::optional<InputError>> unusable(end - first);
        for (std::size_t i = first; i < end; ++i) try {
                const ProgressMonitor own = part(i);
                waves.push_back(normalisedWave(paths[i], &own));
            } catch (const InputError& error) {
                unusable[i - first] = error;
            }
        const std::vector<std::vector<FloatArray>> states = hiddenStatesInBuckets(model_, std::move(waves), layers_, limits);
        for (std::size_t i = first, k = 0; i < end; ++i) {
            if (unusable[i - first]) {
                sink.unusable(i, *unusable[i - first]);
                continue;
            }
            sink.frames(i, states[k++]);
            sink.done(i);
            part(i).report(1.0);
        }
    }
}

}  // namespace m2ds
