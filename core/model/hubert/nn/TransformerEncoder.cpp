#include "model/hubert/nn/TransformerEncoder.h"

#include <torch/torch.h>

#include "model/hubert/nn/EncoderLayer.h"

namespace m2ds::nn {

TransformerEncoderImpl::TransformerEncoderImpl(const HubertConfig& config)
    : posConvEmbed(register_module("pos_conv_embed", PositionalConvEmbedding(config))),
      layerNorm(register_module("layer_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({config.hiddenSize}).eps(config.layerNormEps)))),
      layers(register_module("layers", torch::nn::ModuleList())),
      preNorm_(config.stableLayerNorm) {
    for (int i = 0; i < config.layers; ++i) layers->push_back(EncoderLayer(config));
}

std::vector<torch::Tensor> TransformerEncoderImpl::hiddenStates(const torch::Tensor& x, int lastState, const torch::Tensor& real) {
    const torch::Tensor input = real.defined() ? x * real.unsqueeze(-1).to(x.scalar_type()) : x;
    torch::Tensor state = input + posConvEmbed(input);
    if (!preNorm_) state = layerNorm(state);
    std::vector<torch::Tensor> states{state};
    for (int i = 0; i < lastState; ++i) {
        state = layers[std::size_t(i)]->as<EncoderLayer>()->forward(state, real);
        states.push_back(state);
    }
    if (preNorm_ && lastState == int(layers->size())) states.back() = layerNorm(states.back());
    return states;
}

}  // namespace m2ds::nn
