#pragma once
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>
#include <vector>

#include "model/hubert/HubertConfig.h"
#include "model/hubert/nn/FeatureEncoder.h"
#include "model/hubert/nn/FeatureProjection.h"
#include "model/hubert/nn/TransformerEncoder.h"

namespace m2ds::nn {

/// HF's HubertModel / Wav2Vec2Model without heads: `feature_extractor`, `feature_projection`, `encoder`, so that
/// named_parameters() are HF's state_dict names (prefix-free, weight norm as weight_g / weight_v).
class HubertNetworkImpl : public torch::nn::Module {
public:
    explicit HubertNetworkImpl(const HubertConfig& config);
    /// hidden_states 0..lastState (HF indexing, see TransformerEncoderImpl) of wave [B, S] (S ≥ the receptive field).
    /// lengths: each row's own samples (≥ the receptive field) when rows are zero-padded to S (empty: none is); on
    /// return each row's own frames. A row's own frames then equal that row's states alone, up to rounding.
    std::vector<torch::Tensor> hiddenStates(const torch::Tensor& wave, int lastState, std::vector<int64_t>& lengths);

    FeatureEncoder featureExtractor{nullptr};
    FeatureProjection featureProjection{nullptr};
    TransformerEncoder encoder{nullptr};
};
TORCH_MODULE(HubertNetwork);

}  // namespace m2ds::nn
