#pragma once
#include <memory>
#include <string>

#include "analysis/EmbeddingSidecar.h"

namespace m2ds {

class HubertModel;

/// A HuBERT / wav2vec 2.0 model read from a Hugging Face folder (config.json + model.safetensors | pytorch_model.bin)
/// and placed on a device, with the files it came from: what `m2ds extract` and the workbench's cluster and export
/// jobs open.
struct HubertFolder {
    std::shared_ptr<const HubertModel> model;
    std::string configPath;   ///< the config.json the geometry came from
    std::string weightsPath;  ///< the file the weights came from

    /// Reads `path` (a folder, or a weights file with config.json beside it: HubertCheckpoint::read) and moves the
    /// model to `device` ("cpu", "cuda", "cuda:N"). Throws InputError naming the file (no config.json, no weights, a
    /// missing key or wrong shape), InvalidArgument for an unusable device.
    static HubertFolder open(const std::string& path, const std::string& device);
    /// What an export's sidecar says of this encoder: the weights file, the geometry (model_type, hidden_size,
    /// num_hidden_layers, do_stable_layer_norm) and the input pipeline (config.json, layer indexing, 16 kHz,
    /// Wav2Vec2Processor normalisation).
    EmbeddingProvenance provenance() const;
};

}  // namespace m2ds
