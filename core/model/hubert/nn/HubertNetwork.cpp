#include "model/hubert/nn/HubertNetwork.h"

#include <torch/torch.h>

#include "model/hubert/nn/RealFrames.h"

namespace m2ds::nn {

HubertNetworkImpl::HubertNetworkImpl(const HubertConfig& config)
    : featureExtractor(register_module("feature_extractor", FeatureEncoder(config))),
      featureProjection(register_module("feature_projection", FeatureProjection(config))),
      encoder(register_module("encoder", TransformerEncoder(config))) {}

std::vector<torch::Tensor> HubertNetworkImpl::hiddenStates(const torch::Tensor& wave, int lastState, std::vector<int64_t>& lengths) {
    const torch::Tensor features = featureProjection(featureExtractor->forward(wave, lengths));
    const torch::Tensor real = lengths.empty() ? torch::Tensor() : realFrames(lengths, features.size(1), features.device());
    return encoder->hiddenStates(features, lastState, real);
}

}  // namespace m2ds::nn
