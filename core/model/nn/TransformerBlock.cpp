#include "model/nn/TransformerBlock.h"

#include <torch/torch.h>

namespace m2ds::nn {

torch::nn::LayerNorm makeLayerNorm(int64_t dim) {
    return torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim}).eps(1e-6));
}

TransformerBlockImpl::TransformerBlockImpl(int64_t dim, int64_t heads, double mlpRatio)
    : norm1(register_module("norm1", makeLayerNorm(dim))),
      attn(register_module("attn", Attention(dim, heads))),
      norm2(register_module("norm2", makeLayerNorm(dim))),
      mlp(register_module("mlp", Mlp(dim, static_cast<int64_t>(dim * mlpRatio)))) {}

torch::Tensor TransformerBlockImpl::forward(torch::Tensor x, const torch::Tensor& keyMask) {
    x = x + attn(norm1(x), keyMask);
    return x + mlp(norm2(x));
}

}  // namespace m2ds::nn
