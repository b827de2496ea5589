#pragma once
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include "model/hubert/HubertConfig.h"
#include "model/hubert/nn/WeightNormConv1d.h"

namespace m2ds::nn {

/// HF's pos_conv_embed: weight-normed grouped conv (`conv`, kernel num_conv_pos_embeddings, padding kernel / 2), the
/// last frame removed when the kernel is even ("same" length), exact GELU. The caller adds it to its input.
class PositionalConvEmbeddingImpl : public torch::nn::Module {
public:
    explicit PositionalConvEmbeddingImpl(const HubertConfig& config);
    /// x: [B, T, hidden] → the positional term [B, T, hidden].
    torch::Tensor forward(const torch::Tensor& x);

    WeightNormConv1d conv{nullptr};

private:
    bool removeLast_;
};
TORCH_MODULE(PositionalConvEmbedding);

}  // namespace m2ds::nn
