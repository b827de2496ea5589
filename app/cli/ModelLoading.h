#pragma once
#include <memory>
#include <string>

#include "checkpoint/ImportedCheckpoint.h"
#include "model/M2dsModel.h"

namespace m2ds {
class HubertModel;
class LayerEmbeddingExtractor;
}

namespace m2ds::cli {

/// Reads a checkpoint with the presets of the data directory (for head counts); throws InputError.
ImportedCheckpoint importCheckpoint(const std::string& path);
/// The network of an imported checkpoint; a key or shape that does not fit its geometry is an InputError naming the
/// checkpoint's file.
M2dsModel modelFrom(const ImportedCheckpoint& checkpoint, M2dsModel::Parts parts = M2dsModel::Parts::AsInWeights);

/// An encoder whose layers a command reads: an M2D / M2D-S checkpoint, or a Hugging Face HuBERT / wav2vec 2.0 folder
/// (config.json inside), loaded on a device. Exactly one of `network` and `hubert` is set.
struct LoadedEncoder {
    std::unique_ptr<M2dsModel> network;
    std::unique_ptr<HubertModel> hubert;
    std::string weightsPath;  ///< the file the weights came from (the checkpoint, or the folder's weights file)

    LoadedEncoder();
    LoadedEncoder(LoadedEncoder&&) noexcept;
    LoadedEncoder& operator=(LoadedEncoder&&) noexcept;
    ~LoadedEncoder();

    /// True for a folder holding config.json.
    static bool isHubertFolder(const std::string& path);
    /// Loads `path` (encoder parts only for M2D) on `device` with `threads` CPU threads (0 = all); throws InputError.
    static LoadedEncoder open(const std::string& path, const std::string& device, int threads);
    /// The deepest layer index: the M2D depth, or HuBERT's hidden_states count − 1.
    int deepestLayer() const;
};

/// An encoder and the extractor of its selected layers (the extractor reads the encoder: they live together).
struct LayerEmbeddingModel {
    std::string path;
    LoadedEncoder encoder;
    std::unique_ptr<LayerEmbeddingExtractor> extractor;

    LayerEmbeddingModel();
    LayerEmbeddingModel(LayerEmbeddingModel&&) noexcept;
    ~LayerEmbeddingModel();

    /// Loads `path` (LoadedEncoder::open) and selects `layers` ("all", "last", "3,6,9-11": parseLayerSelection);
    /// throws InputError, InvalidArgument for a bad selection.
    static LayerEmbeddingModel open(const std::string& path, const std::string& layers, const std::string& device, int threads);
};

}  // namespace m2ds::cli
