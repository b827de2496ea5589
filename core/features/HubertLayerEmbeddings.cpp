#include "features/HubertLayerEmbeddings.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "common/Sha256.h"
#include "features/HubertRecordings.h"
#include "model/hubert/HubertBatching.h"
#include "model/hubert/HubertModel.h"

namespace m2ds {
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

double HubertLayerEmbeddings::framesPerSecond() const { return model_.config().framesPerSecond(); }

std::size_t HubertLayerEmbeddings::extract(const std::string& path, const LayerFramesSink& sink, const ProgressMonitor* monitor) const {
    const std::vector<FloatArray> states = model_.hiddenStates(hubertInputOf(path, monitor), layers_);
    sink(states);
    if (monitor) monitor->report(1.0);
    return states.front().shape[0];
}

void HubertLayerEmbeddings::extractEach(const std::vector<std::string>& paths, const RecordingFramesSink& sink, const ProgressMonitor* monitor) const {
    HubertRecordingsSink recordings;
    recordings.states = [&](std::size_t i, std::vector<FloatArray>&& states) {
        sink.frames(i, states);
        sink.done(i);
    };
    recordings.unusable = sink.unusable;
    const double count = double(std::max<std::size_t>(paths.size(), 1));
    hiddenStatesOfRecordings(model_, paths, layers_, hubertBatchLimits(model_.device(), batch_), recordings, [&](std::size_t i) {
        return monitor ? monitor->slice(double(i) / count, double(i + 1) / count) : ProgressMonitor();
    });
}

}  // namespace m2ds
