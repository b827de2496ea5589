#pragma once
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

namespace m2ds::nn {

/// A grouped Conv1d whose weight is weight-normalised over dim 2 (torch.nn.utils.weight_norm(conv, dim=2)):
/// weight = weight_g · weight_v / ‖weight_v‖, the norm taken over dims 0 and 1 for each kernel tap.
/// Parameters: `weight_g` [1, 1, kernel], `weight_v` [channels, channels / groups, kernel], `bias` [channels].
class WeightNormConv1dImpl : public torch::nn::Module {
public:
    WeightNormConv1dImpl(int64_t channels, int64_t kernel, int64_t groups);
    /// x: [B, channels, T] → [B, channels, T + 2·(kernel / 2) − kernel + 1] (zero padding kernel / 2 each side).
    torch::Tensor forward(const torch::Tensor& x);

    torch::Tensor weightG;
    torch::Tensor weightV;
    torch::Tensor bias;

private:
    int64_t kernel_;
    int64_t groups_;
};
TORCH_MODULE(WeightNormConv1d);

}  // namespace m2ds::nn
