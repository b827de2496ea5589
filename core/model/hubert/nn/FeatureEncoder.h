#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/pimpl.h>
#include <vector>

#include "model/hubert/HubertConfig.h"

namespace m2ds::nn {

/// HF's Wav2Vec2FeatureEncoder (`feature_extractor`): the conv stack from the raw wave, layers under `conv_layers.i`.
class FeatureEncoderImpl : public torch::nn::Module {
public:
    explicit FeatureEncoderImpl(const HubertConfig& config);
    /// wave: [B, S] float → features [B, frames, convDim.back()] (frames = HubertConfig::frameCount(S) ≥ 1).
    /// lengths: each row's own samples when rows are zero-padded to S (empty: none is); on return each row's own
    /// frames. A padded row's own frames come out as they would for that row alone.
    torch::Tensor forward(const torch::Tensor& wave, std::vector<int64_t>& lengths);

    torch::nn::ModuleList convLayers{nullptr};
};
TORCH_MODULE(FeatureEncoder);

}  // namespace m2ds::nn
