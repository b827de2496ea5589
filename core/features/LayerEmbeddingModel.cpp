#include "features/LayerEmbeddingModel.h"

#include <filesystem>

#include "analysis/LayerSelection.h"
#include "features/HubertFolderCache.h"
#include "features/HubertLayerEmbeddings.h"
#include "features/ModelLayerEmbeddings.h"
#include "model/M2dsModel.h"
#include "model/hubert/HubertModel.h"

namespace m2ds {

LayerEmbeddingModel::LayerEmbeddingModel() = default;
LayerEmbeddingModel::LayerEmbeddingModel(LayerEmbeddingModel&&) noexcept = default;
LayerEmbeddingModel& LayerEmbeddingModel::operator=(LayerEmbeddingModel&&) noexcept = default;
LayerEmbeddingModel::~LayerEmbeddingModel() = default;

bool LayerEmbeddingModel::isHubertFolder(const std::string& path) {
    return std::filesystem::is_regular_file(std::filesystem::u8path(path) / "config.json");
}

LayerEmbeddingModel LayerEmbeddingModel::ofM2ds(std::shared_ptr<const M2dsModel> network, const std::string& path, const std::string& layers,
                                                int threads) {
    LayerEmbeddingModel model;
    model.path = path;
    model.network = std::move(network);
    model.extractor = std::make_unique<ModelLayerEmbeddings>(*model.network, parseLayerSelection(layers, model.network->config().depth), path, threads);
    return model;
}

LayerEmbeddingModel LayerEmbeddingModel::ofHubert(std::shared_ptr<const HubertModel> hubert, const std::string& weightsPath,
                                                  const std::string& folder, const std::string& layers) {
    LayerEmbeddingModel model;
    model.path = folder;
    model.hubert = std::move(hubert);
    model.extractor = std::make_unique<HubertLayerEmbeddings>(*model.hubert, parseLayerSelection(layers, model.hubert->stateCount() - 1), weightsPath);
    return model;
}

LayerEmbeddingModel LayerEmbeddingModel::ofHubertFolder(const std::string& folder, const std::string& layers, const std::string& device) {
    HubertFolder opened = HubertFolderCache::open(folder, device);
    return ofHubert(std::move(opened.model), opened.weightsPath, folder, layers);
}

}  // namespace m2ds
