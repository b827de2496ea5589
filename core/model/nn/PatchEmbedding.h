#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/pimpl.h>

namespace m2ds::nn {

/// Conv2d(1 → dim, kernel = stride = patch): [B, 1, F, T] → tokens [B, (F/pf)·(T/pt), dim], index = row·cols + col.
class PatchEmbeddingImpl : public torch::nn::Module {
public:
    PatchEmbeddingImpl(int64_t patchFrequency, int64_t patchTime, int64_t dim);
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Conv2d proj{nullptr};
};
TORCH_MODULE(PatchEmbedding);

}  // namespace m2ds::nn
