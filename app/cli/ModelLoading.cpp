#include "cli/ModelLoading.h"

#include "checkpoint/CheckpointImporter.h"
#include "cli/DataDirectory.h"
#include "common/Errors.h"
#include "features/HubertFolder.h"
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

LoadedEncoder LoadedEncoder::open(const std::string& path, const std::string& device, int threads) {
    LoadedEncoder encoder;
    M2dsModel::setComputeThreads(threads);
    if (LayerEmbeddingModel::isHubertFolder(path)) {
        HubertFolder folder = HubertFolder::open(path, device);
        encoder.hubert = std::move(folder.model);
        encoder.weightsPath = folder.weightsPath;
        return encoder;
    }
    encoder.network = std::make_unique<M2dsModel>(modelFrom(importCheckpoint(path), M2dsModel::Parts::EncoderOnly));
    encoder.network->setDevice(device);
    encoder.weightsPath = path;
    return encoder;
}

LayerEmbeddingModel openLayerEmbeddingModel(const std::string& path, const std::string& layers, const std::string& device, int threads) {
    LoadedEncoder encoder = LoadedEncoder::open(path, device, threads);
    if (encoder.hubert) return LayerEmbeddingModel::ofHubert(std::move(encoder.hubert), encoder.weightsPath, path, layers);
    return LayerEmbeddingModel::ofM2ds(std::move(encoder.network), path, layers, threads);
}

}  // namespace m2ds::cli
