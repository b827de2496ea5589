#include "model/hubert/nn/FeatureEncoder.h"

#include <torch/torch.h>

#include "model/hubert/nn/ConvLayer.h"

namespace m2ds::nn {

FeatureEncoderImpl::FeatureEncoderImpl(const HubertConfig& config) : convLayers(register_module("conv_layers", torch::nn::ModuleList())) {
    const bool group = config.featureNorm == HubertConfig::FeatureNorm::Group;
    int64_t channels = 1;
    for (std::size_t i = 0; i < config.convDim.size(); ++i) {
        const ConvNorm norm = group ? (i == 0 ? ConvNorm::Group : ConvNorm::None) : ConvNorm::Layer;
        convLayers->push_back(ConvLayer(channels, config.convDim[i], config.convKernel[i], config.convStride[i], config.convBias, norm));
        channels = config.convDim[i];
    }
}

torch::Tensor FeatureEncoderImpl::forward(const torch::Tensor& wave, std::vector<int64_t>& lengths) {
    torch::Tensor x = wave.unsqueeze(1);
    for (const auto& module : *convLayers) {
        ConvLayerImpl& layer = *module->as<ConvLayer>();
        for (int64_t& length : lengths) length = layer.outputLength(length);
        x = layer.forward(x, lengths);  // only GroupNorm mixes frames: the other layers' own outputs never read padding
    }
    return x.transpose(1, 2);
}

}  // namespace m2ds::nn
