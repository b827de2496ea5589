#include "model/ModelConfig.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <regex>

#include "common/Errors.h"
#include "common/FileText.h"
#include "common/JsonNumbers.h"

namespace m2ds {

int ModelConfig::visibleTokens() const { return static_cast<int>(static_cast<double>(tokens()) * (1.0 - maskRatio)); }

void ModelConfig::validate() const {
    auto require = [](bool ok, const std::string& what) {
        if (!ok) throw InvalidArgument("model geometry: " + what);
    };
    require(inputFrequency > 0 && inputFrames > 0, "input_size must be positive");
    require(patchFrequency > 0 && patchTime > 0 && inputFrequency % patchFrequency == 0,
            "patch must divide the mel bins (" + std::to_string(inputFrequency) + " by " + std::to_string(patchFrequency) + ")");
    require(inputFrames % patchTime == 0, "patch width must divide the input frames");
    require(dim > 0 && heads > 0 && dim % heads == 0 && dim % 4 == 0, "dim must be a multiple of heads and of 4");
    require(decoderDim > 0 && decoderHeads > 0 && decoderDim % decoderHeads == 0 && decoderDim % 4 == 0,
            "decoder_dim must be a multiple of decoder_heads and of 4");
    require(depth > 0 && decoderDepth >= 0 && mlpRatio > 0, "depths and mlp_ratio must be positive");
    require(maskRatio >= 0.0 && maskRatio < 1.0, "mask_ratio must be in [0, 1)");
    require(normStd > 0.0f && std::isfinite(normStd) && std::isfinite(normMean), "norm stats must be finite, the std positive");
    // Far beyond any M2D network, and small enough that every size the network derives from them stays an int.
    constexpr int kMaxWidth = 1 << 16, kMaxDepth = 1 << 10, kMaxTokens = 1 << 20, kMaxFrameFeature = 1 << 24;
    require(inputFrequency <= kMaxWidth && inputFrames <= kMaxWidth && dim <= kMaxWidth && decoderDim <= kMaxWidth &&
                offlineDim >= 0 && offlineDim <= kMaxWidth,
            "input_size, embed_dim, decoder_embed_dim and off_emb_dim must be at most " + std::to_string(kMaxWidth) + " (off_emb_dim >= 0)");
    require(depth <= kMaxDepth && decoderDepth <= kMaxDepth && mlpRatio <= 64, "depths must be at most 1024, mlp_ratio at most 64");
    require(std::int64_t{gridRows()} * gridCols() <= kMaxTokens && std::int64_t{gridRows()} * dim <= kMaxFrameFeature,
            "more than " + std::to_string(kMaxTokens) + " patches, or frame features wider than " + std::to_string(kMaxFrameFeature));
}

std::string ModelConfig::folderName() const {
    return name + "-" + std::to_string(inputFrequency) + "x" + std::to_string(inputFrames) + "p" +
           std::to_string(patchFrequency) + "x" + std::to_string(patchTime);
}

bool ModelConfig::parseFolderName(const std::string& folder, ModelConfig& out) {
    static const std::regex pattern(R"(^([A-Za-z0-9_]+)-(\d+)x(\d+)p(\d+)x(\d+)(p\d+k)?(-.*)?$)");
    std::smatch match;
    if (!std::regex_match(folder, match, pattern)) return false;
    ModelConfig config;
    config.name = match[1];
    config.inputFrequency = std::stoi(match[2]);
    config.inputFrames = std::stoi(match[3]);
    config.patchFrequency = std::stoi(match[4]);
    config.patchTime = std::stoi(match[5]);
    config.maskRatio = config.name.rfind("m2d_s", 0) == 0 ? 0.6 : 0.7;
    out = config;
    return true;
}

std::string ModelConfig::toJson() const {
    const nlohmann::json json = {
        {"name", name}, {"input_size", {inputFrequency, inputFrames}}, {"patch_size", {patchFrequency, patchTime}},
        {"embed_dim", dim}, {"depth", depth}, {"num_heads", heads}, {"mlp_ratio", mlpRatio},
        {"decoder_embed_dim", decoderDim}, {"decoder_depth", decoderDepth}, {"decoder_num_heads", decoderHeads},
        {"off_emb_dim", offlineDim}, {"mask_ratio", maskRatio}, {"norm_stats", {normMean, normStd}}};
    return json.dump(2);
}

ModelConfig ModelConfig::fromJson(const std::string& text) {
    using JsonNumbers::getTo;
    using JsonNumbers::valueOr;
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& error) {
        throw InvalidArgument("model geometry JSON: " + FileText::escaped(error.what(), 200));
    }
    ModelConfig config;
    try {
        config.name = valueOr(json, "name", config.name);
        if (json.contains("input_size")) {
            getTo(json["input_size"].at(0), config.inputFrequency);
            getTo(json["input_size"].at(1), config.inputFrames);
        }
        if (json.contains("patch_size")) {
            getTo(json["patch_size"].at(0), config.patchFrequency);
            getTo(json["patch_size"].at(1), config.patchTime);
        }
        config.dim = valueOr(json, "embed_dim", config.dim);
        config.depth = valueOr(json, "depth", config.depth);
        config.heads = valueOr(json, "num_heads", config.heads);
        config.mlpRatio = valueOr(json, "mlp_ratio", config.mlpRatio);
        config.decoderDim = valueOr(json, "decoder_embed_dim", config.decoderDim);
        config.decoderDepth = valueOr(json, "decoder_depth", config.decoderDepth);
        config.decoderHeads = valueOr(json, "decoder_num_heads", config.decoderHeads);
        config.offlineDim = valueOr(json, "off_emb_dim", config.offlineDim);
        config.maskRatio = valueOr(json, "mask_ratio", config.maskRatio);
        if (json.contains("norm_stats")) {
            getTo(json["norm_stats"].at(0), config.normMean);
            getTo(json["norm_stats"].at(1), config.normStd);
        }
    } catch (const nlohmann::json::exception& error) {
        throw InvalidArgument("model geometry JSON: " + FileText::escaped(error.what(), 200));
    }
    config.validate();
    return config;
}

std::pair<int, int> ModelConfig::parseSize(const std::string& text, const std::string& what) {
    int a = 0, b = 0;
    char x = 0, extra = 0;
    if (std::sscanf(text.c_str(), "%d%c%d%c", &a, &x, &b, &extra) != 3 || x != 'x' || a <= 0 || b <= 0)
        throw InvalidArgument(what + " '" + text + "' is not of the form 80x608");
    return {a, b};
}

}  // namespace m2ds
