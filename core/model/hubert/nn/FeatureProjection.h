#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include "model/hubert/HubertConfig.h"

namespace m2ds::nn {

/// HF's feature_projection: LayerNorm(convDim.back(), layer_norm_eps) (`layer_norm`, absent when
/// feat_proj_layer_norm is false) → Linear to hidden_size (`projection`); dropout is off at inference.
class FeatureProjectionImpl : public torch::nn::Module {
public:
    explicit FeatureProjectionImpl(const HubertConfig& config);
    /// features: [B, T, convDim.back()] → [B, T, hidden].
    torch::Tensor forward(const torch::Tensor& features);

    torch::nn::LayerNorm layerNorm{nullptr};
    torch::nn::Linear projection{nullptr};
};
TORCH_MODULE(FeatureProjection);

}  // namespace m2ds::nn
