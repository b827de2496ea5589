#include "model/hubert/nn/FeedForward.h"

#include <torch/torch.h>

namespace m2ds::nn {

FeedForwardImpl::FeedForwardImpl(int64_t dim, int64_t intermediate)
    : intermediateDense(register_module("intermediate_dense", torch::nn::Linear(dim, intermediate))),
      outputDense(register_module("output_dense", torch::nn::Linear(intermediate, dim))) {}

torch::Tensor FeedForwardImpl::forward(const torch::Tensor& x) { return outputDense(torch::gelu(intermediateDense(x))); }

}  // namespace m2ds::nn
