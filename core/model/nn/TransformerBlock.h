#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include "model/nn/Attention.h"
#include "model/nn/Mlp.h"

namespace m2ds::nn {

/// Pre-norm ViT block: x += attn(norm1(x)); x += mlp(norm2(x)). LayerNorm eps 1e-6, no dropout.
class TransformerBlockImpl : public torch::nn::Module {
public:
    TransformerBlockImpl(int64_t dim, int64_t heads, double mlpRatio);
    /// x: [B, N, dim] → [B, N, dim]; keyMask (optional): bool [B, N], false for padding tokens (Attention::forward).
    torch::Tensor forward(torch::Tensor x, const torch::Tensor& keyMask = {});

    torch::nn::LayerNorm norm1{nullptr};
    Attention attn{nullptr};
    torch::nn::LayerNorm norm2{nullptr};
    Mlp mlp{nullptr};
};
TORCH_MODULE(TransformerBlock);

/// LayerNorm over the last dimension with the M2D epsilon (1e-6).
torch::nn::LayerNorm makeLayerNorm(int64_t dim);

}  // namespace m2ds::nn
