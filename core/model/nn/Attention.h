#pragma once
// Internal to core/model: LibTorch modules under the official timm/MAE names. Not part of core's public API.
#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>
#include <vector>

namespace m2ds::nn {

/// Multi-head self-attention with a fused qkv projection (timm 0.4.5 layout: rows [q; k; v], head h at h*hd).
class AttentionImpl : public torch::nn::Module {
public:
    /// dim: embedding width; heads must divide it.
    AttentionImpl(int64_t dim, int64_t heads);
    /// x: [B, N, dim] float → [B, N, dim]. keyMask (optional): bool [B, N], false for padding tokens, which then take
    /// no part as keys (their own outputs are meaningless).
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& keyMask = {});
    /// The attention probabilities softmax(q·kᵀ · hd^-0.5) of x [B, N, dim]: [B, heads, N (queries), N (keys)].
    torch::Tensor weights(const torch::Tensor& x);

    torch::nn::Linear qkv{nullptr};
    torch::nn::Linear proj{nullptr};

private:
    /// q, k, v of x [B, N, dim], each [B, heads, N, hd].
    std::vector<torch::Tensor> splitHeads(const torch::Tensor& x);

    int64_t heads_;
    double scale_;
};
TORCH_MODULE(Attention);

}  // namespace m2ds::nn
