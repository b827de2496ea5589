#pragma once
// Internal to core/model/hubert: LibTorch modules under Hugging Face's HubertModel / Wav2Vec2Model names.
#include <torch/nn/module.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>
#include <vector>

namespace m2ds::nn {

/// Which normalisation one feature-encoder conv layer has (HF Wav2Vec2{NoLayerNorm,GroupNorm,LayerNorm}ConvLayer).
enum class ConvNorm { None, Group, Layer };

/// One feature-encoder layer: Conv1d (`conv`) → optional norm (`layer_norm`: GroupNorm(C, C) or LayerNorm over
/// channels, eps 1e-5 as HF builds them) → exact GELU.
class ConvLayerImpl : public torch::nn::Module {
public:
    ConvLayerImpl(int64_t inChannels, int64_t outChannels, int64_t kernel, int64_t stride, bool bias, ConvNorm norm);
    /// x: [B, inChannels, S] → [B, outChannels, L = (S − kernel) / stride + 1]. ownFrames: each row's own output
    /// frames when rows are zero-padded (empty: all L); GroupNorm then normalises each row's own frames by their
    /// statistics alone, as that row alone would be (the frames past them stay finite and unnormalised).
    torch::Tensor forward(const torch::Tensor& x, const std::vector<int64_t>& ownFrames = {});
    /// Output frames of an input of `samples` frames (≥ kernel): (samples − kernel) / stride + 1.
    int64_t outputLength(int64_t samples) const;

    torch::nn::Conv1d conv{nullptr};
    torch::nn::GroupNorm groupNorm{nullptr};
    torch::nn::LayerNorm layerNorm{nullptr};

private:
    /// GroupNorm of each row's first ownFrames[b] frames of y [B, C, L], in place (LibTorch's kernel per row: no
    /// batch-sized temporaries).
    void groupNormOfOwnFrames(torch::Tensor& y, const std::vector<int64_t>& ownFrames);
};
TORCH_MODULE(ConvLayer);

}  // namespace m2ds::nn
