#include "model/nn/NetworkWeights.h"

#include <algorithm>
#include <torch/torch.h>

#include "common/Errors.h"
#include "model/TensorConversion.h"

namespace m2ds::nn {
namespace {

std::string shapeText(c10::IntArrayRef shape) {
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

}  // namespace

bool isTrainingPart(const std::string& name) {
    for (const char* prefix : {"mask_token", "decoder_", "target_", "offline_predictor"})
        if (name.rfind(prefix, 0) == 0) return true;
    return false;
}

StateDict collectWeights(M2dsNetworkImpl& network) {
    StateDict weights;
    for (const auto& item : network.named_parameters()) weights.emplace_back(item.key(), toFloatArray(item.value()));
    return weights;
}

void assignWeights(M2dsNetworkImpl& network, const StateDict& weights, bool skipTrainingParts) {
    auto parameters = network.named_parameters();
    const std::string label = network.config().folderName();
    torch::NoGradGuard noGrad;
    std::size_t matched = 0;
    for (const auto& [name, array] : weights) {
        if (name == "norm_stats") continue;  // carried in the config, not a network parameter
        if (skipTrainingParts && isTrainingPart(name)) continue;
        auto* parameter = parameters.find(name);
        if (!parameter) throw InvalidArgument("checkpoint key '" + name + "' is not a parameter of " + label);
        const auto tensor = toTensor(array);
        if (tensor.sizes() != parameter->sizes())
            throw InvalidArgument("checkpoint key '" + name + "' has shape " + shapeText(tensor.sizes()) + ", the model expects " +
                                  shapeText(parameter->sizes()));
        parameter->copy_(tensor);
        ++matched;
    }
    if (matched == parameters.size()) return;
    for (const auto& item : parameters)
        if (std::none_of(weights.begin(), weights.end(), [&](const auto& entry) { return entry.first == item.key(); }))
            throw InvalidArgument("checkpoint lacks key '" + item.key() + "' of " + label);
}

}  // namespace m2ds::nn
