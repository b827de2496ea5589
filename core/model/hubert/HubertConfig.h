#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace m2ds {

/// Geometry of a HuBERT / wav2vec 2.0 encoder, as Hugging Face's `config.json` states it (HubertConfig /
/// Wav2Vec2Config). Members default to HF's defaults (facebook/hubert-base-ls960), which apply to keys a file omits.
struct HubertConfig {
    /// Feature-encoder normalisation: "group" = GroupNorm(C, C) after the first conv only (base models), "layer" =
    /// LayerNorm over channels after every conv (large models).
    enum class FeatureNorm { Group, Layer };

    std::string modelType = "hubert";   ///< "hubert" or "wav2vec2"
    int hiddenSize = 768;
    int layers = 12;                    ///< num_hidden_layers
    int heads = 12;                     ///< num_attention_heads
    int intermediateSize = 3072;
    std::vector<int> convDim = std::vector<int>(7, 512);
    std::vector<int> convKernel = {10, 3, 3, 3, 3, 2, 2};
    std::vector<int> convStride = {5, 2, 2, 2, 2, 2, 2};
    bool convBias = false;
    FeatureNorm featureNorm = FeatureNorm::Group;
    bool featureProjectionLayerNorm = true;  ///< feat_proj_layer_norm (HuBERT only; wav2vec 2.0 always has it)
    bool stableLayerNorm = false;            ///< do_stable_layer_norm: pre-LN layers (large models)
    int positionKernel = 128;                ///< num_conv_pos_embeddings
    int positionGroups = 16;                 ///< num_conv_pos_embedding_groups
    double layerNormEps = 1e-5;              ///< layer_norm_eps (the conv-layer norms always use PyTorch's 1e-5)

    /// Parses config.json text; `source` names the file in errors. Throws InputError for malformed JSON, a wrong
    /// type, an unsupported activation or feat_extract_norm, or an inconsistent geometry.
    static HubertConfig fromJson(const std::string& text, const std::string& source);
    /// Reads and parses a config.json file; throws InputError.
    static HubertConfig fromFile(const std::string& path);
    /// Throws InputError(source, ...) unless the geometry is usable (positive sizes, heads divide hidden_size, ...).
    void validate(const std::string& source) const;

    /// Samples one output frame sees (400 for the standard encoder).
    std::size_t receptiveField() const;
    /// The sample rate HuBERT / wav2vec 2.0 models take (Hz, mono).
    static constexpr int kSampleRate = 16000;
    /// Samples between consecutive frames (320 for the standard encoder: 50 Hz at 16 kHz).
    std::size_t hopSamples() const;
    /// Output frames per second at kSampleRate (50 for the standard encoder).
    double framesPerSecond() const;
    /// Frames the feature encoder makes from `samples` samples (0 when shorter than the receptive field).
    std::size_t frameCount(std::size_t samples) const;
    /// One line for messages: "hubert: 12 layers, hidden 768, 12 heads, group norm, post-LN".
    std::string summary() const;
};

}  // namespace m2ds
