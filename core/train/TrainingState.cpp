#include "train/TrainingState.h"

#include <nlohmann/json.hpp>

#include "common/Errors.h"

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
        json.at("next_epoch").get_to(state.nextEpoch);
        json.at("next_step").get_to(state.nextStep);
        json.at("iterations").get_to(state.iterations);
        json.at("optimiser_updates").get_to(state.optimiserUpdates);
        json.at("loss_scale").get_to(state.lossScale);
        json.at("loss_scale_growth_tracker").get_to(state.lossScaleGrowthTracker);
        json.at("speech_mean").get_to(state.statistics.speechMean);
        json.at("speech_std").get_to(state.statistics.speechStd);
        json.at("noise_mean").get_to(state.statistics.noiseMean);
        json.at("world_size").get_to(state.worldSize);
        json.at("teacher").get_to(state.teacherKind);
        json.at("speech").get_to(state.speechSource);
        json.at("noise").get_to(state.noiseSource);
    } catch (const nlohmann::json::exception& error) {
        throw InvalidArgument(std::string("training state: ") + error.what());
    }
    return state;
}

}  // namespace m2ds
