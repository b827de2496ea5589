#include "model/hubert/nn/PositionalConvEmbedding.h"

#include <torch/torch.h>

namespace m2ds::nn {

PositionalConvEmbeddingImpl::PositionalConvEmbeddingImpl(const HubertConfig& config)
    : conv(register_module("conv", WeightNormConv1d(config.hiddenSize, config.positionKernel, config.positionGroups))),
      removeLast_(config.positionKernel % 2 == 0) {}

torch::Tensor PositionalConvEmbeddingImpl::forward(const torch::Tensor& x) {
    torch::Tensor y = conv(x.transpose(1, 2));
    if (removeLast_) y = y.narrow(2, 0, y.size(2) - 1);
    return torch::gelu(y).transpose(1, 2);
}

}  // namespace m2ds::nn
