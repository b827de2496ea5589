#pragma once
// Internal to core/model/hubert: which frames of a zero-padded batch are a row's own.
#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>
#include <vector>

namespace m2ds::nn {

/// [B, frames] bool: true where frame t < lengths[b], the row's own frames; false on its padding.
at::Tensor realFrames(const std::vector<int64_t>& lengths, int64_t frames, c10::Device device);

}  // namespace m2ds::nn
