#include "model/hubert/nn/WeightNormConv1d.h"

#include <torch/torch.h>

namespace m2ds::nn {

WeightNormConv1dImpl::WeightNormConv1dImpl(int64_t channels, int64_t kernel, int64_t groups)
    : weightG(register_parameter("weight_g", torch::ones({1, 1, kernel}))),
      weightV(register_parameter("weight_v", torch::zeros({channels, channels / groups, kernel}))),
      bias(register_parameter("bias", torch::zeros({channels}))),
      kernel_(kernel),
      groups_(groups) {}

torch::Tensor WeightNormConv1dImpl::forward(const torch::Tensor& x) {
    const torch::Tensor weight = torch::_weight_norm(weightV, weightG, 2);
    return torch::conv1d(x, weight, bias, /*stride=*/1, /*padding=*/kernel_ / 2, /*dilation=*/1, groups_);
}

}  // namespace m2ds::nn
