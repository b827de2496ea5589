#include "model/nn/M2dsNetwork.h"

#include <torch/torch.h>

#include "model/nn/SinCosPositionTable.h"
#include "model/nn/TransformerBlock.h"

namespace m2ds::nn {
namespace {

torch::nn::ModuleList makeBlocks(int64_t count, int64_t dim, int64_t heads, double mlpRatio) {
    torch::nn::ModuleList list;
    for (int64_t i = 0; i < count; ++i) list->push_back(TransformerBlock(dim, heads, mlpRatio));
    return list;
}

torch::Tensor runBlocks(const torch::nn::ModuleList& list, torch::Tensor x) {
    for (const auto& block : *list) x = block->as<TransformerBlockImpl>()->forward(x);
    return x;
}

torch::Tensor gatherTokens(const torch::Tensor& tokens, const torch::Tensor& ids) {
    return torch::gather(tokens, 1, ids.unsqueeze(-1).expand({-1, -1, tokens.size(2)}));
}

void xavierLinears(torch::nn::Module& module) {
    for (auto& child : module.modules(/*include_self=*/true)) {
        if (auto* linear = child->as<torch::nn::LinearImpl>()) {
            torch::nn::init::xavier_uniform_(linear->weight);
            torch::nn::init::zeros_(linear->bias);
        } else if (auto* layerNorm = child->as<torch::nn::LayerNormImpl>()) {
            torch::nn::init::ones_(layerNorm->weight);
            torch::nn::init::zeros_(layerNorm->bias);
        }
    }
}

}  // namespace

torch::Tensor normMse(const torch::Tensor& target, const torch::Tensor& prediction) {
    const auto standardised = (target - target.mean(-1, true)) / torch::sqrt(target.var(-1, /*unbiased=*/true, true) + 1e-6);
    namespace F = torch::nn::functional;
    const auto options = F::NormalizeFuncOptions().dim(-1);
    return 2.0 - 2.0 * (F::normalize(standardised, options) * F::normalize(prediction, options)).sum(-1);
}

M2dsNetworkImpl::M2dsNetworkImpl(const ModelConfig& config, bool withTrainingParts)
    : config_(config), withTrainingParts_(withTrainingParts) {
    config.validate();
    const int64_t dim = config.dim, rows = config.gridRows(), cols = config.gridCols();
    cls_token = register_parameter("cls_token", torch::zeros({1, 1, dim}));
    pos_embed = register_parameter("pos_embed", sinCosPositionTable(dim, rows, cols), /*requires_grad=*/false);
    if (withTrainingParts) {
        mask_token = register_parameter("mask_token", torch::zeros({1, 1, config.decoderDim}));
        decoder_pos_embed = register_parameter("decoder_pos_embed", sinCosPositionTable(config.decoderDim, rows, cols), false);
    }
    patch_embed = register_module("patch_embed", PatchEmbedding(config.patchFrequency, config.patchTime, dim));
    blocks = register_module("blocks", makeBlocks(config.depth, dim, config.heads, config.mlpRatio));
    norm = register_module("norm", makeLayerNorm(dim));
    if (!withTrainingParts) return;
    decoder_embed = register_module("decoder_embed", torch::nn::Linear(dim, config.decoderDim));
    decoder_blocks = register_module("decoder_blocks", makeBlocks(config.decoderDepth, config.decoderDim, config.decoderHeads, config.mlpRatio));
    decoder_norm = register_module("decoder_norm", makeLayerNorm(config.decoderDim));
    decoder_pred = register_module("decoder_pred", torch::nn::Linear(config.decoderDim, dim));
    target_blocks = register_module("target_blocks", makeBlocks(config.depth, dim, config.heads, config.mlpRatio));
    target_norm = register_module("target_norm", makeLayerNorm(dim));
    for (auto& parameter : target_blocks->parameters()) parameter.set_requires_grad(false);
    for (auto& parameter : target_norm->parameters()) parameter.set_requires_grad(false);
    if (config.offlineDim > 0)
        offline_predictor = register_module("offline_predictor", torch::nn::Linear(rows * dim, config.offlineDim));
}

void M2dsNetworkImpl::initialiseWeights() {
    torch::NoGradGuard noGrad;
    const auto weight = patch_embed->proj->weight;
    torch::nn::init::xavier_uniform_(weight.view({weight.size(0), -1}));
    torch::nn::init::normal_(cls_token, 0.0, 0.02);
    xavierLinears(*blocks);
    xavierLinears(*norm);
    if (!withTrainingParts_) return;
    torch::nn::init::normal_(mask_token, 0.0, 0.02);
    for (torch::nn::Module* part : {static_cast<torch::nn::Module*>(decoder_embed.get()), static_cast<torch::nn::Module*>(decoder_blocks.get()),
                                    static_cast<torch::nn::Module*>(decoder_norm.get()), static_cast<torch::nn::Module*>(decoder_pred.get()),
                                    static_cast<torch::nn::Module*>(target_blocks.get()), static_cast<torch::nn::Module*>(target_norm.get())})
        xavierLinears(*part);
    // offline_predictor keeps torch's default Linear init (spec section 3.2).
}

torch::Tensor M2dsNetworkImpl::clsWithPosition(int64_t batch) const {
    return (cls_token + pos_embed.slice(1, 0, 1)).expand({batch, -1, -1});
}

torch::Tensor M2dsNetworkImpl::stackFrequencyRows(const torch::Tensor& tokens) const {
    const int64_t batch = tokens.size(0), rows = config_.gridRows(), dim = tokens.size(2);
    const int64_t cols = tokens.size(1) / rows;
    return tokens.reshape({batch, rows, cols, dim}).permute({0, 2, 1, 3}).reshape({batch, cols, rows * dim});
}

torch::Tensor M2dsNetworkImpl::embedChunk(const torch::Tensor& chunk) {
    const int64_t rows = config_.gridRows(), cols = chunk.size(3) / config_.patchTime;
    // A short chunk uses the first `cols` columns of every row of the table (trimmed, not interpolated).
    const auto positions = pos_embed.slice(1, 1)
                               .reshape({1, rows, config_.gridCols(), -1})
                               .slice(2, 0, cols)
                               .reshape({1, rows * cols, -1});
    return patch_embed(chunk) + positions;
}

torch::Tensor M2dsNetworkImpl::attentionWeights(const torch::Tensor& chunk, int64_t layer) {
    const auto x = embedChunk(chunk);
    auto hidden = torch::cat({clsWithPosition(x.size(0)), x}, 1);
    for (int64_t i = 0; i + 1 < layer; ++i) hidden = blocks[i]->as<TransformerBlockImpl>()->forward(hidden);
    auto* block = blocks[layer - 1]->as<TransformerBlockImpl>();
    return block->attn->weights(block->norm1(hidden));
}

torch::Tensor M2dsNetworkImpl::keyMaskOf(const torch::Tensor& realColumns, int64_t columns) const {
    // Tokens run frequency row by row (f · columns + t); the cls token in front is always real.
    const auto column = torch::arange(columns, realColumns.options()).repeat({config_.gridRows()});
    const auto tokens = column.unsqueeze(0) < realColumns.unsqueeze(1);
    return torch::cat({torch::ones({realColumns.size(0), 1}, tokens.options()), tokens}, 1);
}

std::vector<torch::Tensor> M2dsNetworkImpl::encodeLayers(const torch::Tensor& chunk, int64_t deepestLayer, const torch::Tensor& realColumns) {
    const auto x = embedChunk(chunk);
    std::vector<torch::Tensor> layers{stackFrequencyRows(x)};
    auto hidden = torch::cat({clsWithPosition(x.size(0)), x}, 1);
    const int64_t columns = chunk.size(3) / config_.patchTime;
    const torch::Tensor keyMask = realColumns.defined() ? keyMaskOf(realColumns.to(chunk.device()), columns) : torch::Tensor();
    for (int64_t i = 0; i < deepestLayer; ++i) {
        hidden = blocks[i]->as<TransformerBlockImpl>()->forward(hidden, keyMask);
        const bool last = i == config_.depth - 1;
        layers.push_back(stackFrequencyRows((last ? norm(hidden) : hidden).slice(1, 1)));
    }
    return layers;
}

MaskedForward M2dsNetworkImpl::forwardMasked(const torch::Tensor& x, const torch::Tensor& noise, int64_t visible) {
    TORCH_CHECK(withTrainingParts_, "this model has no predictor or target encoder (encoder-only weights)");
    MaskedForward out;
    out.visible = visible;
    out.idsShuffle = torch::argsort(noise, 1, false);
    out.idsRestore = torch::argsort(out.idsShuffle, 1, false);
    const auto tokens = patch_embed(x) + pos_embed.slice(1, 1);
    const auto visibleTokens = gatherTokens(tokens, out.idsShuffle.slice(1, 0, out.visible));
    const auto maskedTokens = gatherTokens(tokens, out.idsShuffle.slice(1, out.visible));
    out.latent = norm(runBlocks(blocks, torch::cat({clsWithPosition(x.size(0)), visibleTokens}, 1)));
    out.prediction = predictMasked(out.latent, out);
    out.target = encodeTarget(maskedTokens);
    out.perTokenLoss = normMse(out.target, out.prediction);
    out.lossM2d = out.perTokenLoss.mean();
    if (offline_predictor) out.offline = offlineHead(out);
    return out;
}

torch::Tensor M2dsNetworkImpl::predictMasked(const torch::Tensor& latent, const MaskedForward& masks) {
    auto x = decoder_embed(latent);
    const int64_t batch = x.size(0), tokens = masks.idsRestore.size(1);
    const auto maskTokens = mask_token.repeat({batch, tokens + 1 - x.size(1), 1});
    const auto restored = gatherTokens(torch::cat({x.slice(1, 1), maskTokens}, 1), masks.idsRestore);
    x = torch::cat({x.slice(1, 0, 1), restored}, 1) + decoder_pos_embed;
    x = decoder_pred(decoder_norm(runBlocks(decoder_blocks, x))).slice(1, 1);
    return gatherTokens(x, masks.idsShuffle.slice(1, masks.visible));
}

torch::Tensor M2dsNetworkImpl::encodeTarget(const torch::Tensor& maskedTokens) {
    torch::NoGradGuard noGrad;
    const auto hidden = runBlocks(target_blocks, torch::cat({clsWithPosition(maskedTokens.size(0)), maskedTokens}, 1));
    return target_norm(hidden).slice(1, 1);
}

torch::Tensor M2dsNetworkImpl::offlineHead(const MaskedForward& masks) {
    const auto all = gatherTokens(torch::cat({masks.latent.slice(1, 1), masks.prediction}, 1), masks.idsRestore);
    return offline_predictor(stackFrequencyRows(all));
}

void M2dsNetworkImpl::emaUpdate(double decay) {
    torch::NoGradGuard noGrad;
    auto online = blocks->parameters();
    for (const auto& parameter : norm->parameters()) online.push_back(parameter);
    auto target = target_blocks->parameters();
    for (const auto& parameter : target_norm->parameters()) target.push_back(parameter);
    for (std::size_t i = 0; i < target.size(); ++i) target[i].mul_(decay).add_(online[i], 1.0 - decay);
}

}  // namespace m2ds::nn
