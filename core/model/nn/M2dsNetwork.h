#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>
#include <vector>

#include "model/ModelConfig.h"
#include "model/nn/PatchEmbedding.h"

namespace m2ds::nn {

/// Outputs of one masked training forward pass (M2DViT / M2D_S_ViT .forward).
struct MaskedForward {
    torch::Tensor idsShuffle;    ///< [B, N] int64: first `visible` are visible tokens
    torch::Tensor idsRestore;    ///< [B, N] int64: argsort(idsShuffle)
    int64_t visible = 0;
    torch::Tensor latent;        ///< [B, 1 + visible, D] encoder output after norm
    torch::Tensor prediction;    ///< [B, N - visible, D] predictor output for the masked tokens, shuffle order
    torch::Tensor target;        ///< [B, N - visible, D] target-encoder output for the masked tokens
    torch::Tensor perTokenLoss;  ///< [B, N - visible] norm-MSE per masked token
    torch::Tensor lossM2d;       ///< scalar
    torch::Tensor offline;       ///< [B, cols, offlineDim] offline head output, when the network has one
};

/// The M2D-S network with every sub-module registered under the official state_dict names
/// (cls_token, pos_embed, mask_token, decoder_pos_embed, patch_embed, blocks, norm, decoder_*, target_*,
/// offline_predictor), in the official order. An encoder-only network has the first five groups only.
class M2dsNetworkImpl : public torch::nn::Module {
public:
    M2dsNetworkImpl(const ModelConfig& config, bool withTrainingParts);

    /// Spec section 4: xavier Linear/patch weights, zero biases, unit LayerNorms, N(0, 0.02) tokens,
    /// default init for offline_predictor and the patch-embedding bias. Uses torch's global generator.
    void initialiseWeights();

    /// Chunks [B, 1, F, frames] (frames ≤ inputFrames, multiple of patchTime) → deepestLayer + 1 tensors [B, cols, rows·D]:
    /// layer 0 = patch embedding + position, layers 1..depth-1 = block outputs, layer depth = last block + norm.
    /// realColumns (optional, int64 [B]): chunk b is only its first realColumns[b] patch columns, the rest padding that
    /// takes no part in attention, so each chunk's real columns come out as if it were encoded alone at its own width
    /// (up to float rounding); the padding columns of the output are meaningless.
    std::vector<torch::Tensor> encodeLayers(const torch::Tensor& chunk, int64_t deepestLayer, const torch::Tensor& realColumns = {});
    /// The attention probabilities inside encoder block `layer` (1 … depth) for one chunk as encodeLayers() sees it:
    /// [B, heads, 1 + rows·cols, 1 + rows·cols], queries × keys, cls first.
    torch::Tensor attentionWeights(const torch::Tensor& chunk, int64_t layer);

    /// Masked training forward for x [B, 1, F, inputFrames] with uniform noise [B, N] deciding the mask;
    /// the `visible` lowest-noise tokens per sample stay visible.
    MaskedForward forwardMasked(const torch::Tensor& x, const torch::Tensor& noise, int64_t visible);

    /// target = τ·target + (1 − τ)·online over target_blocks/target_norm vs blocks/norm.
    void emaUpdate(double decay);

    bool hasTrainingParts() const { return withTrainingParts_; }
    const ModelConfig& config() const { return config_; }

    torch::Tensor cls_token, pos_embed, mask_token, decoder_pos_embed;
    PatchEmbedding patch_embed{nullptr};
    torch::nn::ModuleList blocks{nullptr};
    torch::nn::LayerNorm norm{nullptr};
    torch::nn::Linear decoder_embed{nullptr};
    torch::nn::ModuleList decoder_blocks{nullptr};
    torch::nn::LayerNorm decoder_norm{nullptr};
    torch::nn::Linear decoder_pred{nullptr};
    torch::nn::ModuleList target_blocks{nullptr};
    torch::nn::LayerNorm target_norm{nullptr};
    torch::nn::Linear offline_predictor{nullptr};

private:
    torch::Tensor clsWithPosition(int64_t batch) const;
    /// Patch embedding + (trimmed) position of a chunk [B, 1, F, frames]: [B, rows·cols, D].
    torch::Tensor embedChunk(const torch::Tensor& chunk);
    torch::Tensor predictMasked(const torch::Tensor& latent, const MaskedForward& masks);
    torch::Tensor encodeTarget(const torch::Tensor& maskedTokens);
    torch::Tensor offlineHead(const MaskedForward& masks);
    /// [B, rows·cols, D] token order → [B, cols, rows·D] (b (f t) d -> b t (f d)).
    torch::Tensor stackFrequencyRows(const torch::Tensor& tokens) const;
    /// Which tokens (cls first) of chunks `columns` patch columns wide are real, given realColumns int64 [B]: bool [B, 1 + rows·columns].
    torch::Tensor keyMaskOf(const torch::Tensor& realColumns, int64_t columns) const;

    ModelConfig config_;
    bool withTrainingParts_;
};
TORCH_MODULE(M2dsNetwork);

/// Per-token norm-MSE (spec section 2): standardise target over the last dim (unbiased var, eps 1e-6),
/// L2-normalise both, 2 − 2·cos. [..., D] × [..., D] → [...].
torch::Tensor normMse(const torch::Tensor& target, const torch::Tensor& prediction);

}  // namespace m2ds::nn
