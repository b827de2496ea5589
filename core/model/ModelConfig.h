#pragma once
#include <string>
#include <utility>

namespace m2ds {

/// Geometry of an M2D / M2D-S network (spec sections 2 and 5). Read from a checkpoint, a preset or a folder name;
/// kept apart from run settings (device, threads, batch).
struct ModelConfig {
    std::string name = "m2d_s_vit_base";
    int inputFrequency = 80;  ///< mel bins
    int inputFrames = 608;    ///< frames per training crop = extraction chunk length
    int patchFrequency = 80;
    int patchTime = 2;
    int dim = 768;
    int depth = 12;
    int heads = 12;
    double mlpRatio = 4.0;
    int decoderDim = 512;
    int decoderDepth = 8;
    int decoderHeads = 16;
    int offlineDim = 768;     ///< output width of offline_predictor (the teacher's feature size); 0 = none
    double maskRatio = 0.6;
    float normMean = -7.1f;   ///< log-mel normalisation (spec section 1 fallback)
    float normStd = 4.2f;

    int gridRows() const { return inputFrequency / patchFrequency; }
    int gridCols() const { return inputFrames / patchTime; }
    int tokens() const { return gridRows() * gridCols(); }
    /// Visible tokens per sample: int(tokens * (1 - maskRatio)) in double precision (spec section 8).
    int visibleTokens() const;
    /// Feature width per time step: gridRows * dim (768 for 80x2 patches, 3840 for 16x16).
    int frameFeatureDim() const { return gridRows() * dim; }

    /// Throws InvalidArgument naming the inconsistent field.
    void validate() const;
    /// "m2d_s_vit_base-80x608p80x2": the official folder-name prefix.
    std::string folderName() const;
    /// Reads `{model}-{F}x{T}p{pf}x{pt}[p{sr}][-date…]` (e.g. "m2d_s_vit_base-80x608p80x2-230220") into a
    /// ViT-Base geometry; returns false if the name does not have that form.
    static bool parseFolderName(const std::string& folder, ModelConfig& out);
    /// "80x608" (mel bins x frames, as --input_size / --patch_size write it) → {80, 608}; throws InvalidArgument
    /// naming `what` unless both are positive integers joined by one 'x'.
    static std::pair<int, int> parseSize(const std::string& text, const std::string& what);

    std::string toJson() const;
    /// Fields missing from the JSON keep their defaults; throws InvalidArgument on malformed JSON.
    static ModelConfig fromJson(const std::string& json);
};

}  // namespace m2ds
