#include "model/hubert/HubertConfig.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/Errors.h"
#include "common/FileText.h"
#include "common/JsonNumbers.h"

namespace m2ds {
namespace {

using Json = nlohmann::json;

template <typename T>
void readKey(const Json& json, const char* key, T& value, const std::string& source) {
    if (!json.contains(key) || json[key].is_null()) return;
    try {
        JsonNumbers::getTo(json[key], value);
    } catch (const Json::exception&) {
        throw InputError(source, std::string("config key '") + key + "' has the wrong type or range: " + FileText::escaped(json[key].dump()));
    }
}

void requireGelu(const Json& json, const char* key, const std::string& source) {
    std::string activation = "gelu";
    readKey(json, key, activation, source);
    if (activation != "gelu")
        throw InputError(source, std::string("config key '") + key + "' is \"" + FileText::escaped(activation) + "\"; only \"gelu\" (exact) is supported");
}

HubertConfig::FeatureNorm readFeatureNorm(const Json& json, const std::string& source) {
    std::string norm = "group";
    readKey(json, "feat_extract_norm", norm, source);
    if (norm == "group") return HubertConfig::FeatureNorm::Group;
    if (norm == "layer") return HubertConfig::FeatureNorm::Layer;
    throw InputError(source, "unsupported feat_extract_norm \"" + FileText::escaped(norm) + "\" (\"group\" or \"layer\" expected)");
}

}  // namespace

HubertConfig HubertConfig::fromJson(const std::string& text, const std::string& source) {
    const Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded() || !json.is_object()) throw InputError(source, "is not a JSON object (an HF config.json expected)");
    HubertConfig config;
    readKey(json, "model_type", config.modelType, source);
    if (config.modelType != "hubert" && config.modelType != "wav2vec2")
        throw InputError(source, "model_type \"" + FileText::escaped(config.modelType) + "\" is not \"hubert\" or \"wav2vec2\"");
    readKey(json, "hidden_size", config.hiddenSize, source);
    readKey(json, "num_hidden_layers", config.layers, source);
    readKey(json, "num_attention_heads", config.heads, source);
    readKey(json, "intermediate_size", config.intermediateSize, source);
    readKey(json, "conv_dim", config.convDim, source);
    readKey(json, "conv_kernel", config.convKernel, source);
    readKey(json, "conv_stride", config.convStride, source);
    readKey(json, "conv_bias", config.convBias, source);
    config.featureNorm = readFeatureNorm(json, source);
    if (config.modelType == "hubert") readKey(json, "feat_proj_layer_norm", config.featureProjectionLayerNorm, source);
    readKey(json, "do_stable_layer_norm", config.stableLayerNorm, source);
    readKey(json, "num_conv_pos_embeddings", config.positionKernel, source);
    readKey(json, "num_conv_pos_embedding_groups", config.positionGroups, source);
    readKey(json, "layer_norm_eps", config.layerNormEps, source);
    requireGelu(json, "hidden_act", source);
    requireGelu(json, "feat_extract_activation", source);
    config.validate(source);
    return config;
}

HubertConfig HubertConfig::fromFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot open file");
    std::ostringstream text;
    text << in.rdbuf();
    return fromJson(text.str(), path);
}

void HubertConfig::validate(const std::string& source) const {
    auto fail = [&](const std::string& reason) { throw InputError(source, reason + " (" + summary() + ")"); };
    if (hiddenSize <= 0 || layers < 0 || heads <= 0 || intermediateSize <= 0) fail("sizes must be positive");
    if (hiddenSize % heads != 0) fail("num_attention_heads does not divide hidden_size");
    if (convDim.empty() || convDim.size() != convKernel.size() || convDim.size() != convStride.size())
        fail("conv_dim, conv_kernel and conv_stride must be non-empty and of equal length");
    for (std::size_t i = 0; i < convDim.size(); ++i)
        if (convDim[i] <= 0 || convKernel[i] <= 0 || convStride[i] <= 0) fail("conv layer " + std::to_string(i) + " has a non-positive size");
    if (positionKernel <= 0 || positionGroups <= 0 || hiddenSize % positionGroups != 0)
        fail("num_conv_pos_embedding_groups must divide hidden_size");
    if (!(layerNormEps > 0.0)) fail("layer_norm_eps must be positive");
}

std::size_t HubertConfig::receptiveField() const {
    std::size_t field = 1;
    for (std::size_t i = convKernel.size(); i-- > 0;) field = (field - 1) * std::size_t(convStride[i]) + std::size_t(convKernel[i]);
    return field;
}

double HubertConfig::framesPerSecond() const { return double(kSampleRate) / double(hopSamples()); }

std::size_t HubertConfig::hopSamples() const {
    std::size_t hop = 1;
    for (int stride : convStride) hop *= std::size_t(stride);
    return hop;
}

std::size_t HubertConfig::frameCount(std::size_t samples) const {
    for (std::size_t i = 0; i < convKernel.size(); ++i) {
        if (samples < std::size_t(convKernel[i])) return 0;
        samples = (samples - std::size_t(convKernel[i])) / std::size_t(convStride[i]) + 1;
    }
    return samples;
}

std::string HubertConfig::summary() const {
    return modelType + ": " + std::to_string(layers) + " layers, hidden " + std::to_string(hiddenSize) + ", " +
           std::to_string(heads) + " heads, " + (featureNorm == FeatureNorm::Group ? "group" : "layer") + " norm, " +
           (stableLayerNorm ? "pre-LN" : "post-LN");
}

}  // namespace m2ds
