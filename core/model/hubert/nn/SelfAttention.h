#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

namespace m2ds::nn {

/// HF's HubertAttention (BART-style self-attention): separate `q_proj`, `k_proj`, `v_proj`, `out_proj` with bias,
/// queries scaled by head_dim^-0.5, softmax over the keys that are a row's own frames.
class SelfAttentionImpl : public torch::nn::Module {
public:
    SelfAttentionImpl(int64_t dim, int64_t heads);
    /// x: [B, T, dim] → [B, T, dim]. real: [B, T] bool, the row's own frames (undefined: all); padded keys get no weight.
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& real = {});

    torch::nn::Linear kProj{nullptr};
    torch::nn::Linear vProj{nullptr};
    torch::nn::Linear qProj{nullptr};
    torch::nn::Linear outProj{nullptr};

private:
    int64_t heads_;
    double scale_;
};
TORCH_MODULE(SelfAttention);

}  // namespace m2ds::nn
