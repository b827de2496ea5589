#include "model/nn/PatchEmbedding.h"

#include <torch/torch.h>

namespace m2ds::nn {

PatchEmbeddingImpl::PatchEmbeddingImpl(int64_t patchFrequency, int64_t patchTime, int64_t dim)
    : proj(register_module("proj", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, dim, {patchFrequency, patchTime})
                                                         .stride({patchFrequency, patchTime})))) {}

torch::Tensor PatchEmbeddingImpl::forward(const torch::Tensor& x) { return proj(x).flatten(2).transpose(1, 2); }

}  // namespace m2ds::nn
