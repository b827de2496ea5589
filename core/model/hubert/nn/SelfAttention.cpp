#include "model/hubert/nn/SelfAttention.h"

#include <cmath>
#include <limits>
#include <torch/torch.h>
#include <torch/version.h>

namespace m2ds::nn {

SelfAttentionImpl::SelfAttentionImpl(int64_t dim, int64_t heads)
    : kProj(register_module("k_proj", torch::nn::Linear(dim, dim))),
      vProj(register_module("v_proj", torch::nn::Linear(dim, dim))),
      qProj(register_module("q_proj", torch::nn::Linear(dim, dim))),
      outProj(register_module("out_proj", torch::nn::Linear(dim, dim))),
      heads_(heads),
      scale_(1.0 / std::sqrt(static_cast<double>(dim / heads))) {}

torch::Tensor SelfAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& real) {
    const int64_t batch = x.size(0), frames = x.size(1), dim = x.size(2);
    auto split = [&](const torch::Tensor& t) { return t.view({batch, frames, heads_, dim / heads_}).transpose(1, 2); };
    const torch::Tensor q = split(qProj(x)), k = split(kProj(x)), v = split(vProj(x));
    const torch::Tensor ownKeys = real.defined() ? real.view({batch, 1, 1, frames}) : torch::Tensor();
    torch::Tensor mixed;
#if TORCH_VERSION_MAJOR >= 2
    mixed = at::scaled_dot_product_attention(q, k, v, ownKeys.defined() ? c10::optional<at::Tensor>(ownKeys) : c10::nullopt);
#else
    torch::Tensor scores = torch::matmul(q * scale_, k.transpose(-2, -1));
    if (ownKeys.defined()) scores = scores.masked_fill(ownKeys.logical_not(), -std::numeric_limits<float>::infinity());
    mixed = torch::matmul(torch::softmax(scores, -1), v);
#endif
    return outProj(mixed.transpose(1, 2).reshape({batch, frames, dim}));
}

}  // namespace m2ds::nn
