#pragma once
#include <memory>
#include <string>

namespace m2ds {

class HubertModel;
class LayerEmbeddingExtractor;
class M2dsModel;

/// A model whose layers a probe, an export or a similarity reads, kept alive together with the extractor of the
/// chosen layers (which refers to it): an M2D / M2D-S network, or a Hugging Face HuBERT / wav2vec 2.0 folder.
struct LayerEmbeddingModel {
    std::string path;                               ///< the checkpoint or folder, as given
    std::shared_ptr<const M2dsModel> network;       ///< set for M2D
    std::shared_ptr<const HubertModel> hubert;      ///< set for HuBERT / wav2vec 2.0
    std::unique_ptr<LayerEmbeddingExtractor> extractor;

    LayerEmbeddingModel();
    LayerEmbeddingModel(LayerEmbeddingModel&&) noexcept;
    LayerEmbeddingModel& operator=(LayerEmbeddingModel&&) noexcept;
    ~LayerEmbeddingModel();

    /// True for a folder holding config.json (a Hugging Face model folder).
    static bool isHubertFolder(const std::string& path);
    /// `layers` ("all", "last", "3,6,9-11": parseLayerSelection over 0..depth) of a loaded M2D network whose weights
    /// came from `path` (named with its SHA-256 in the identity); threads: front-end threads (0 = all). Throws
    /// InvalidArgument for a bad selection.
    static LayerEmbeddingModel ofM2ds(std::shared_ptr<const M2dsModel> network, const std::string& path, const std::string& layers, int threads = 0);
    /// `layers` (hidden_states indices) of a loaded HuBERT / wav2vec 2.0 model read from `folder`, whose weights file is
    /// `weightsPath`. Throws InvalidArgument for a bad selection.
    static LayerEmbeddingModel ofHubert(std::shared_ptr<const HubertModel> hubert, const std::string& weightsPath, const std::string& folder,
                                        const std::string& layers);
    /// `layers` (hidden_states indices) of the HuBERT / wav2vec 2.0 folder, loaded on `device`. Throws InputError naming
    /// the folder's file, InvalidArgument for a bad selection or device.
    static LayerEmbeddingModel ofHubertFolder(const std::string& folder, const std::string& layers, const std::string& device);
};

}  // namespace m2ds
