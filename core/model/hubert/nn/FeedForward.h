#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

namespace m2ds::nn {

/// HF's feed_forward: `intermediate_dense` → exact GELU → `output_dense` (dropouts off at inference).
class FeedForwardImpl : public torch::nn::Module {
public:
    FeedForwardImpl(int64_t dim, int64_t intermediate);
    /// x: [..., dim] → [..., dim].
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Linear intermediateDense{nullptr};
    torch::nn::Linear outputDense{nullptr};
};
TORCH_MODULE(FeedForward);

}  // namespace m2ds::nn
