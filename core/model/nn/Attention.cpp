#include "model/nn/Attention.h"

#include <limits>
#include <torch/torch.h>
#include <torch/version.h>

namespace m2ds::nn {

AttentionImpl::AttentionImpl(int64_t dim, int64_t heads)
    : qkv(register_module("qkv", torch::nn::Linear(torch::nn::LinearOptions(dim, 3 * dim).bias(true)))),
      proj(register_module("proj", torch::nn::Linear(dim, dim))),
      heads_(heads),
      scale_(1.0 / std::sqrt(static_cast<double>(dim / heads))) {}

std::vector<torch::Tensor> AttentionImpl::splitHeads(const torch::Tensor& x) {
    const int64_t batch = x.size(0), tokens = x.size(1), dim = x.size(2);
    return qkv(x).reshape({batch, tokens, 3, heads_, dim / heads_}).permute({2, 0, 3, 1, 4}).unbind(0);
}

torch::Tensor AttentionImpl::weights(const torch::Tensor& x) {
    const auto parts = splitHeads(x);
    return torch::softmax(torch::matmul(parts[0], parts[1].transpose(-2, -1)) * scale_, -1);
}

torch::Tensor AttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& keyMask) {
    const int64_t batch = x.size(0), tokens = x.size(1), dim = x.size(2);
    const auto parts = splitHeads(x);
    const torch::Tensor keys = keyMask.defined() ? keyMask.view({batch, 1, 1, tokens}) : torch::Tensor();
    torch::Tensor mixed;
#if TORCH_VERSION_MAJOR >= 2
    mixed = keys.defined() ? at::scaled_dot_product_attention(parts[0], parts[1], parts[2], keys)
                           : at::scaled_dot_product_attention(parts[0], parts[1], parts[2]);
#else
    torch::Tensor scores = torch::matmul(parts[0], parts[1].transpose(-2, -1)) * scale_;
    if (keys.defined()) scores = scores.masked_fill(keys.logical_not(), -std::numeric_limits<float>::infinity());
    mixed = torch::matmul(torch::softmax(scores, -1), parts[2]);
#endif
    return proj(mixed.transpose(1, 2).reshape({batch, tokens, dim}));
}

}  // namespace m2ds::nn
