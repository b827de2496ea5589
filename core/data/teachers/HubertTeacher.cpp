#include "data/teachers/HubertTeacher.h"

#include <algorithm>

#include "common/Errors.h"
#include "model/hubert/HubertBatching.h"
#include "model/hubert/TeacherNormalisation.h"

namespace m2ds {

HubertTeacher::HubertTeacher(HubertModel model, int layer, std::string label, BatchLimits batching)
    : model_(std::move(model)), layer_(layer), label_(std::move(label)), batching_(batching) {
    if (layer < 0 || layer >= model_.stateCount())
        throw InvalidArgument("teacher layer " + std::to_string(layer) + " is outside the HuBERT model " + label_ + " (hidden_states 0.." +
                              std::to_string(model_.stateCount() - 1) + ")");
}

std::string HubertTeacher::kind() const {
    const std::string precision = model_.precision() == HubertPrecision::Float32 ? "" : " (" + precisionName(model_.precision()) + ")";
    return "hubert:" + label_ + ":" + std::to_string(layer_) + precision;
}

FloatArray HubertTeacher::compute(const TeacherInput& input) const {
    const std::vector<float> normalised = normaliseForHubert(input.wave);
    std::lock_guard<std::mutex> lock(mutex_);
    return model_.hiddenStates(normalised, {layer_}).front();
}

std::size_t HubertTeacher::batchSize() const { return std::max<std::size_t>(1, batching_.items); }

std::vector<FloatArray> HubertTeacher::computeBatch(const std::vector<TeacherInput>& inputs) const {
    std::vector<std::vector<float>> normalised;
    for (const TeacherInput& input : inputs) normalised.push_back(normaliseForHubert(input.wave));
    std::vector<std::vector<FloatArray>> states;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        states = hiddenStatesInBuckets(model_, std::move(normalised), {layer_}, batching_);
    }
    std::vector<FloatArray> out;
    for (std::vector<FloatArray>& layers : states) out.push_back(std::move(layers.front()));
    return out;
}

}  // namespace m2ds
