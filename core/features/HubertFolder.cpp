#include "features/HubertFolder.h"

#include <nlohmann/json.hpp>

#include "model/hubert/HubertModel.h"

namespace m2ds {

HubertFolder HubertFolder::open(const std::string& path, const std::string& device) {
    const HubertCheckpoint checkpoint = HubertCheckpoint::read(path);
    auto model = std::make_shared<HubertModel>(HubertModel::fromCheckpoint(checkpoint));
    model->setDevice(device);
    return {std::move(model), checkpoint.configPath, checkpoint.weightsPath};
}

EmbeddingProvenance HubertFolder::provenance() const {
    const HubertConfig& config = model->config();
    const nlohmann::json geometry = {{"model_type", config.modelType}, {"hidden_size", config.hiddenSize}, {"num_hidden_layers", config.layers},
                                     {"do_stable_layer_norm", config.stableLayerNorm}};
    const nlohmann::json pipeline = {
        {"config", configPath}, {"layer_indexing", "hidden_states (0 = transformer input, i = layer i)"}, {"sample_rate", HubertConfig::kSampleRate},
        {"input_normalisation", "Wav2Vec2Processor do_normalize: (x - mean) / sqrt(var + 1e-7) per recording"}};
    return {weightsPath, geometry.dump(), pipeline.dump()};
}

}  // namespace m2ds
