#include "train/TrainingState.h"

#include <nlohmann/json.hpp>

#include "common/Errors.h"
#include "common/FileText.h"
#include "common/JsonNumbers.h"

namespace m2ds {

std::string TrainingState::toJson() const {
    nlohmann::ordered_json json{{"next_epoch", nextEpoch},
                                {"next_step", nextStep},
                                {"iterations", iterations},
                                {"optimiser_updates", optimiserUpdates},
                                {"loss_scale", lossScale},
                                {"loss_scale_growth_tracker", lossScaleGrowthTracker},
                                {"speech_mean", statistics.speechMean},
                                {"speech_std", statistics.speechStd},
                                {"noise_mean", statistics.noiseMean},
                                {"world_size", worldSize},
                                {"teacher", teacherKind},
                                {"speech", speechSource},
                                {"noise", noiseSource}};
    return json.dump();
}

TrainingState TrainingState::fromJson(const std::string& text) {
    TrainingState state;
    try {
        const auto json = nlohmann::json::parse(text);
        JsonNumbers::getTo(json.at("next_epoch"), state.nextEpoch);
        JsonNumbers::getTo(json.at("next_step"), state.nextStep);
        JsonNumbers::getTo(json.at("iterations"), state.iterations);
        JsonNumbers::getTo(json.at("optimiser_updates"), state.optimiserUpdates);
        JsonNumbers::getTo(json.at("loss_scale"), state.lossScale);
        JsonNumbers::getTo(json.at("loss_scale_growth_tracker"), state.lossScaleGrowthTracker);
        JsonNumbers::getTo(json.at("speech_mean"), state.statistics.speechMean);
        JsonNumbers::getTo(json.at("speech_std"), state.statistics.speechStd);
        JsonNumbers::getTo(json.at("noise_mean"), state.statistics.noiseMean);
        JsonNumbers::getTo(json.at("world_size"), state.worldSize);
        JsonNumbers::getTo(json.at("teacher"), state.teacherKind);
        JsonNumbers::getTo(json.at("speech"), state.speechSource);
        JsonNumbers::getTo(json.at("noise"), state.noiseSource);
    } catch (const nlohmann::json::exception& error) {
        throw InvalidArgument("training state: " + FileText::escaped(error.what(), 200));
    }
    return state;
}

}  // namespace m2ds
