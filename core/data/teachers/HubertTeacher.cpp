#include "data/teachers/HubertTeacher.h"

#include <algorithm>

#include "common/Errors.h"
#include "model/hubert/TeacherNormalisation.h"

namespace m2ds {

HubertTeacher::HubertTeacher(HubertModel model, int layer, std::string label, BatchLimits batching)
    : model_(std::move(model)), layer_(layer), label_(std::move(label)), batching_(batching) {
    if (layer < 0 || layer >= model_.stateCount())
        throw InvalidArgument("teacher layer " + std::to_string(layer) + " is outside the HuBERT model " + label_ + " (hidden_states 0.." +
                              std::to_string(model_.stateCount() - 1) + ")");
}

std::string HubertTeacher::kind() const { return "hubert:" + label_ + ":" + std::to_string(layer_); }

FloatArray HubertTeacher::compute(const TeacherInput& input) const {
    const std::vector<float> normalised = normaliseForHubert(input.wave);
    std::lock_guard<std::mutex> lock(mutex_);
    return model_.hiddenStates(normalised, {layer_}).front();
}

std::size_t HubertTeacher::batchSize() const { return std::max<std::size_t>(1, batching_.items); }

std::vector<FloatArray> HubertTeacher::computeBatch(const std::vector<TeacherInput>& inputs) const {
    std::vector<std::vector<float>> normalised;
    std::vector<std::size_t> lengths;
    for (const TeacherInput& input : inputs) {
        normalised.push_back(normaliseForHubert(input.wave));
        lengths.push_back(input.wave.size());
    }
    std::vector<FloatArray> out(inputs.size());
    for (const std::vector<std::size_t>& bucket : lengthBuckets(lengths, batching_)) {
        std::vector<std::vector<float>> waves;
        for (const std::size_t i : bucket) waves.push_back(std::move(normalised[i]));
        std::vector<std::vector<FloatArray>> states;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            states = model_.hiddenStatesOfBatch(waves, {layer_});
        }
        for (std::size_t b = 0; b < bucket.size(); ++b) out[bucket[b]] = std::move(states[b].front());
    }
    return out;
}

}  // namespace m2ds
