#pragma once
#include <string>

#include "model/StateDict.h"
#include "model/hubert/HubertConfig.h"

namespace m2ds {

/// A HuBERT / wav2vec 2.0 encoder read from disk without Python and without executing anything.
struct HubertCheckpoint {
    HubertConfig config;
    StateDict weights;        ///< HF parameter names (hubertParameterName), float32, file order; non-encoder keys dropped
    std::string configPath;   ///< the config.json the geometry came from
    std::string weightsPath;  ///< the file the weights came from

    /// `path`: a Hugging Face model folder (config.json + model.safetensors, else pytorch_model.bin, else one .pth
    /// holding torchaudio's state dict), or one such weights file with its config.json beside it. Pickles are read
    /// by the restricted PickleReader. Throws InputError naming the file: missing folder/config/weights, malformed
    /// JSON, unsupported feat_extract_norm or activation, a key that is not a tensor.
    static HubertCheckpoint read(const std::string& path);
    /// What `read` finds without reading the weights: config (config.json parsed), configPath and weightsPath (the
    /// file is there; its contents are not read), weights empty. A stat or two and one small file: cheap enough for a
    /// GUI thread. Throws the same InputError as `read` for everything but the weights' contents.
    static HubertCheckpoint readWithoutWeights(const std::string& path);
};

}  // namespace m2ds
