#include "data/teachers/HubertTeacher.h"

#include "common/Errors.h"
#include "model/hubert/TeacherNormalisation.h"

namespace m2ds {

HubertTeacher::HubertTeacher(HubertModel model, int layer, std::string label)
    : model_(std::move(model)), layer_(layer), label_(std::move(label)) {
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

}  // namespace m2ds
