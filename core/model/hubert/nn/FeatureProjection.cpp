#include "model/hubert/nn/FeatureProjection.h"

#include <torch/torch.h>

namespace m2ds::nn {

FeatureProjectionImpl::FeatureProjectionImpl(const HubertConfig& config) {
    const int64_t features = config.convDim.back();
    if (config.featureProjectionLayerNorm)
        layerNorm = register_module("layer_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({features}).eps(config.layerNormEps)));
    projection = register_module("projection", torch::nn::Linear(features, config.hiddenSize));
}

torch::Tensor FeatureProjectionImpl::forward(const torch::Tensor& features) {
    return projection(layerNorm ? layerNorm(features) : features);
}

}  // namespace m2ds::nn
