#include "model/hubert/nn/RealFrames.h"

#include <torch/torch.h>

namespace m2ds::nn {

at::Tensor realFrames(const std::vector<int64_t>& lengths, int64_t frames, c10::Device device) {
    const auto options = torch::TensorOptions().dtype(torch::kInt64);
    const torch::Tensor own = torch::tensor(lengths, options).unsqueeze(1);
    return (torch::arange(frames, options).unsqueeze(0) < own).to(device);
}

}  // namespace m2ds::nn
