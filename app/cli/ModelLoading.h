#pragma once
#include <memory>
#include <string>

#include "checkpoint/ImportedCheckpoint.h"
#include "features/LayerEmbeddingModel.h"
#include "model/M2dsModel.h"

namespace m2ds {
class HubertModel;
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
    std::shared_ptr<const HubertModel> hubert;
    std::string weightsPath;  ///< the file the weights came from (the checkpoint, or the folder's weights file)

    LoadedEncoder();
    LoadedEncoder(LoadedEncoder&&) noexcept;
    LoadedEncoder& operator=(LoadedEncoder&&) noexcept;
    ~LoadedEncoder();

    /// Loads `path` (encoder parts only for M2D) on `device` with `threads` CPU threads (0 = all); throws InputError.
    static LoadedEncoder open(const std::string& path, const std::string& device, int threads);
};

/// `layers` of an M2D / M2D-S checkpoint (encoder parts, presets of the data directory) or of a HuBERT / wav2vec 2.0
/// folder, on `device` with `threads` CPU threads (0 = all); throws InputError, InvalidArgument for a bad selection.
LayerEmbeddingModel openLayerEmbeddingModel(const std::string& path, const std::string& layers, const std::string& device, int threads);

}  // namespace m2ds::cli
