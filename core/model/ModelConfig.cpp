#include "model/ModelConfig.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <regex>

#include "common/Errors.h"

namespace m2ds {

int ModelConfig::visibleTokens() const { return static_cast<int>(static_cast<double>(tokens()) * (1.0 - maskRatio)); }

void ModelConfig::validate() const {
    auto require = [](bool ok, const std::string& what) {
        if (!ok) throw InvalidArgument("model geometry: " + what);
    };
    require(patchFrequency > 0 && patchTime > 0 && inputFrequency % patchFrequency == 0,
            "patch must divide the mel bins (" + std::to_string(inputFrequency) + " by " + std::to_string(patchFrequency) + ")");
    require(inputFrames % patchTime == 0, "patch width must divide the input frames");
    require(dim > 0 && heads > 0 && dim % heads == 0 && dim % 4 == 0, "dim must be a multiple of heads and of 4");
    require(decoderDim > 0 && decoderHeads > 0 && decoderDim % decoderHeads == 0 && decoderDim % 4 == 0,
            "decoder_dim must be a multiple of decoder_heads and of 4");
    require(depth > 0 && decoderDepth >= 0 && mlpRatio > 0, "depths and mlp_ratio must be positive");
    require(maskRatio >= 0.0 && maskRatio < 1.0, "mask_ratio must be in [0, 1)");
    require(normStd > 0.0f, "norm std must be positive");
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
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& error) {
        throw InvalidArgument(std::string("model geometry JSON: ") + error.what());
    }
    ModelConfig config;
    try {
        config.name = json.value("name", config.name);
        if (json.contains("input_size")) {
            config.inputFrequency = json["input_size"].at(0);
            config.inputFrames = json["input_size"].at(1);
        }
        if (json.contains("patch_size")) {
            config.patchFrequency = json["patch_size"].at(0);
            config.patchTime = json["patch_size"].at(1);
        }
        config.dim = json.value("embed_dim", config.dim);
        config.depth = json.value("depth", config.depth);
        config.heads = json.value("num_heads", config.heads);
        config.mlpRatio = json.value("mlp_ratio", config.mlpRatio);
        config.decoderDim = json.value("decoder_embed_dim", config.decoderDim);
        config.decoderDepth = json.value("decoder_depth", config.decoderDepth);
        config.decoderHeads = json.value("decoder_num_heads", config.decoderHeads);
        config.offlineDim = json.value("off_emb_dim", config.offlineDim);
        config.maskRatio = json.value("mask_ratio", config.maskRatio);
        if (json.contains("norm_stats")) {
            config.normMean = json["norm_stats"].at(0);
            config.normStd = json["norm_stats"].at(1);
        }
    } catch (const nlohmann::json::exception& error) {
        throw InvalidArgument(std::string("model geometry JSON: ") + error.what());
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
