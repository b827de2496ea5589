#include "cli/ModelLoading.h"

#include <filesystem>

#include "analysis/LayerSelection.h"
#include "checkpoint/CheckpointImporter.h"
#include "cli/DataDirectory.h"
#include "common/Errors.h"
#include "features/HubertLayerEmbeddings.h"
#include "features/ModelLayerEmbeddings.h"
#include "model/hubert/HubertModel.h"

namespace m2ds::cli {

ImportedCheckpoint importCheckpoint(const std::string& path) {
    return CheckpointImporter(bundledPresets()).read(path);
}

M2dsModel modelFrom(const ImportedCheckpoint& checkpoint, M2dsModel::Parts parts) {
    try {
        return M2dsModel::fromStateDict(checkpoint.config, checkpoint.weights, parts);
    } catch (const InvalidArgument& error) {
        throw InputError(checkpoint.path, error.what());
    }
}

LoadedEncoder::LoadedEncoder() = default;
LoadedEncoder::LoadedEncoder(LoadedEncoder&&) noexcept = default;
LoadedEncoder& LoadedEncoder::operator=(LoadedEncoder&&) noexcept = default;
LoadedEncoder::~LoadedEncoder() = default;

bool LoadedEncoder::isHubertFolder(const std::string& path) {
    return std::filesystem::is_regular_file(std::filesystem::u8path(path) / "config.json");
}

LoadedEncoder LoadedEncoder::open(const std::string& path, const std::string& device, int threads) {
    LoadedEncoder encoder;
    M2dsModel::setComputeThreads(threads);
    if (isHubertFolder(path)) {
        const HubertCheckpoint checkpoint = HubertCheckpoint::read(path);
        encoder.hubert = std::make_unique<HubertModel>(HubertModel::fromCheckpoint(checkpoint));
        encoder.hubert->setDevice(device);
        encoder.weightsPath = checkpoint.weightsPath;
        return encoder;
    }
    encoder.network = std::make_unique<M2dsModel>(modelFrom(importCheckpoint(path), M2dsModel::Parts::EncoderOnly));
    encoder.network->setDevice(device);
    encoder.weightsPath = path;
    return encoder;
}

int LoadedEncoder::deepestLayer() const { return network ? network->config().depth : hubert->stateCount() - 1; }

LayerEmbeddingModel::LayerEmbeddingModel() = default;
LayerEmbeddingModel::LayerEmbeddingModel(LayerEmbeddingModel&&) noexcept = default;
LayerEmbeddingModel::~LayerEmbeddingModel() = default;

LayerEmbeddingModel LayerEmbeddingModel::open(const std::string& path, const std::string& layers, const std::string& device, int threads) {
    LayerEmbeddingModel opened;
    opened.path = path;
    opened.encoder = LoadedEncoder::open(path, device, threads);
    const LoadedEncoder& encoder = opened.encoder;
    const std::vector<int> selected = parseLayerSelection(layers, encoder.deepestLayer());
    if (encoder.hubert) opened.extractor = std::make_unique<HubertLayerEmbeddings>(*encoder.hubert, selected, encoder.weightsPath);
    else opened.extractor = std::make_unique<ModelLayerEmbeddings>(*encoder.network, selected, path, threads);
    return opened;
}

}  // namespace m2ds::cli
