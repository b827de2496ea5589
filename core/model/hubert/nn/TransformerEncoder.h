#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>
#include <vector>

#include "model/hubert/HubertConfig.h"
#include "model/hubert/nn/PositionalConvEmbedding.h"

namespace m2ds::nn {

/// HF's `encoder` (HubertEncoder / …StableLayerNorm): `pos_conv_embed`, `layer_norm`, `layers.i`.
class TransformerEncoderImpl : public torch::nn::Module {
public:
    explicit TransformerEncoderImpl(const HubertConfig& config);
    /// HF's hidden_states 0..lastState of x [B, T, hidden] (projected features), each [B, T, hidden]: [0] = x + the
    /// positional term (then `layer_norm` for post-LN), [i] = output of layer i; in pre-LN models state [layer count]
    /// gets `layer_norm` (as HF applies it after the loop). Runs only the layers it needs; lastState ≤ layer count.
    /// real: [B, T] bool, each row's own frames (undefined: all); padding is zeroed before the positional conv and
    /// masked out of attention, as HF does with an attention mask, so a row's own frames come out as for it alone.
    std::vector<torch::Tensor> hiddenStates(const torch::Tensor& x, int lastState, const torch::Tensor& real = {});

    PositionalConvEmbedding posConvEmbed{nullptr};
    torch::nn::LayerNorm layerNorm{nullptr};
    torch::nn::ModuleList layers{nullptr};

private:
    bool preNorm_;
};
TORCH_MODULE(TransformerEncoder);

}  // namespace m2ds::nn
