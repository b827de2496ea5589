#include "model/hubert/nn/ConvLayer.h"

#include <torch/torch.h>

namespace m2ds::nn {

ConvLayerImpl::ConvLayerImpl(int64_t inChannels, int64_t outChannels, int64_t kernel, int64_t stride, bool bias, ConvNorm norm)
    : conv(register_module("conv", torch::nn::Conv1d(torch::nn::Conv1dOptions(inChannels, outChannels, kernel).stride(stride).bias(bias)))) {
    if (norm == ConvNorm::Group)
        groupNorm = register_module("layer_norm", torch::nn::GroupNorm(torch::nn::GroupNormOptions(outChannels, outChannels).eps(1e-5)));
    if (norm == ConvNorm::Layer)
        layerNorm = register_module("layer_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({outChannels}).eps(1e-5)));
}

int64_t ConvLayerImpl::outputLength(int64_t samples) const {
    return (samples - conv->options.kernel_size()->front()) / conv->options.stride()->front() + 1;
}

torch::Tensor ConvLayerImpl::groupNormOverRealFrames(const torch::Tensor& y, const torch::Tensor& real) {
    const torch::Tensor count = real.sum(-1, /*keepdim=*/true);
    const torch::Tensor centred = y - (y * real).sum(-1, true) / count;
    const torch::Tensor variance = (centred * real).square().sum(-1, true) / count;
    const double eps = groupNorm->options.eps();
    return centred * torch::rsqrt(variance + eps) * groupNorm->weight.view({1, -1, 1}) + groupNorm->bias.view({1, -1, 1});
}

torch::Tensor ConvLayerImpl::forward(const torch::Tensor& x, const torch::Tensor& real) {
    torch::Tensor y = conv(x);
    if (groupNorm) y = real.defined() ? groupNormOverRealFrames(y, real) : groupNorm(y);
    if (layerNorm) y = layerNorm(y.transpose(-2, -1)).transpose(-2, -1);
    return torch::gelu(y);
}

}  // namespace m2ds::nn
