#pragma once
// Internal to core/model/hubert: LibTorch modules under Hugging Face's HubertModel / Wav2Vec2Model names.
#include <torch/nn/module.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

namespace m2ds::nn {

/// Which normalisation one feature-encoder conv layer has (HF Wav2Vec2{NoLayerNorm,GroupNorm,LayerNorm}ConvLayer).
enum class ConvNorm { None, Group, Layer };

/// One feature-encoder layer: Conv1d (`conv`) → optional norm (`layer_norm`: GroupNorm(C, C) or LayerNorm over
/// channels, eps 1e-5 as HF builds them) → exact GELU.
class ConvLayerImpl : public torch::nn::Module {
public:
    ConvLayerImpl(int64_t inChannels, int64_t outChannels, int64_t kernel, int64_t stride, bool bias, ConvNorm norm);
    /// x: [B, inChannels, S] → [B, outChannels, L = (S − kernel) / stride + 1]. real: [B, 1, L] float32, 1 on each
    /// row's own frames and 0 on its padding (undefined: every frame is real); GroupNorm's per-channel statistics
    /// then come from the row's own frames only, so a padded row normalises as it would alone.
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& real = {});
    /// Output frames of an input of `samples` frames (≥ kernel): (samples − kernel) / stride + 1.
    int64_t outputLength(int64_t samples) const;

    torch::nn::Conv1d conv{nullptr};
    torch::nn::GroupNorm groupNorm{nullptr};
    torch::nn::LayerNorm layerNorm{nullptr};

private:
    /// GroupNorm(C, C) of y [B, C, L] with the mean and biased variance over the frames `real` marks.
    torch::Tensor groupNormOverRealFrames(const torch::Tensor& y, const torch::Tensor& real);
};
TORCH_MODULE(ConvLayer);

}  // namespace m2ds::nn
