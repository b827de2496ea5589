#include "model/hubert/nn/HubertNetwork.h"

#include <torch/torch.h>

namespace m2ds::nn {

HubertNetworkImpl::HubertNetworkImpl(const HubertConfig& config)
    : featureExtractor(register_module("feature_extractor", FeatureEncoder(config))),
      featureProjection(register_module("feature_projection", FeatureProjection(config))),
      encoder(register_module("encoder", TransformerEncoder(config))) {}

std::vector<torch::Tensor> HubertNetworkImpl::hiddenStates(const torch::Tensor& wave, int lastState) {
    return encoder->hiddenStates(featureProjection(featureExtractor(wave)), lastState);
}

}  // namespace m2ds::nn
