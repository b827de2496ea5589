#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include "model/hubert/HubertConfig.h"
#include "model/hubert/nn/FeedForward.h"
#include "model/hubert/nn/SelfAttention.h"

namespace m2ds::nn {

/// One transformer layer, `attention`, `layer_norm`, `feed_forward`, `final_layer_norm`, in HF's two orders:
/// post-LN (HubertEncoderLayer): x = LN(x + attn(x)); x = finalLN(x + ff(x));
/// pre-LN (…StableLayerNorm):    x = x + attn(LN(x)); x = x + ff(finalLN(x)).
class EncoderLayerImpl : public torch::nn::Module {
public:
    explicit EncoderLayerImpl(const HubertConfig& config);
    /// x: [B, T, hidden] → [B, T, hidden]. real: [B, T] bool, each row's own frames (undefined: all).
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& real = {});

    SelfAttention attention{nullptr};
    torch::nn::LayerNorm layerNorm{nullptr};
    FeedForward feedForward{nullptr};
    torch::nn::LayerNorm finalLayerNorm{nullptr};

private:
    bool preNorm_;
};
TORCH_MODULE(EncoderLayer);

}  // namespace m2ds::nn
