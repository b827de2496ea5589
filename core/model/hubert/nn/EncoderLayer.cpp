#include "model/hubert/nn/EncoderLayer.h"

#include <torch/torch.h>

namespace m2ds::nn {

EncoderLayerImpl::EncoderLayerImpl(const HubertConfig& config)
    : attention(register_module("attention", SelfAttention(config.hiddenSize, config.heads))),
      layerNorm(register_module("layer_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({config.hiddenSize}).eps(config.layerNormEps)))),
      feedForward(register_module("feed_forward", FeedForward(config.hiddenSize, config.intermediateSize))),
      finalLayerNorm(register_module("final_layer_norm",
                                     torch::nn::LayerNorm(torch::nn::LayerNormOptions({config.hiddenSize}).eps(config.layerNormEps)))),
      preNorm_(config.stableLayerNorm) {}

torch::Tensor EncoderLayerImpl::forward(const torch::Tensor& x, const torch::Tensor& real) {
    if (preNorm_) {
        const torch::Tensor y = x + attention->forward(layerNorm(x), real);
        return y + feedForward(finalLayerNorm(y));
    }
    const torch::Tensor y = layerNorm(x + attention->forward(x, real));
    return finalLayerNorm(y + feedForward(y));
}

}  // namespace m2ds::nn
