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

void ConvLayerImpl::groupNormOfOwnFrames(torch::Tensor& y, const std::vector<int64_t>& ownFrames) {
    for (std::size_t b = 0; b < ownFrames.size(); ++b) {
        torch::Tensor own = y.narrow(0, int64_t(b), 1).narrow(2, 0, ownFrames[b]);
        own.copy_(groupNorm(own.contiguous()));
    }
}

torch::Tensor ConvLayerImpl::forward(const torch::Tensor& x, const std::vector<int64_t>& ownFrames) {
    torch::Tensor y = conv(x);
    if (groupNorm && !ownFrames.empty()) groupNormOfOwnFrames(y, ownFrames);
    else if (groupNorm) y = groupNorm(y);
    if (layerNorm) y = layerNorm(y.transpose(-2, -1)).transpose(-2, -1);
    return torch::gelu(y);
}

}  // namespace m2ds::nn
