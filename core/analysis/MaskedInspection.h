#pragma once
#include <cstdint>
#include <limits>
#include <vector>

#include "analysis/InspectionGeometry.h"
#include "common/FloatArray.h"

namespace m2ds {

class M2dsModel;

/// What one masked forward pass over consecutive model inputs of a recording shows, per token of each chunk.
struct MaskedInspectionResult {
    ChunkSpan chunks;
    std::vector<char> masked;      ///< [chunks.count · tokens]: 1 masked, 0 visible
    std::vector<float> tokenLoss;  ///< [chunks.count · tokens]: M2D loss of masked tokens; NaN for visible and padding
    float meanLoss = std::numeric_limits<float>::quiet_NaN();  ///< over masked non-padding tokens; NaN without predictor
    int offlineDim = 0;
    std::vector<float> offline;    ///< [chunks.count · cols, offlineDim] offline head output per patch column
    // Only with keepLatents (and a predictor), for the readout views; token rows in token order, zero for visible ones:
    FloatArray input;                  ///< [chunks.count, 1, F, inputFrames] the normalised model inputs
    int latentDim = 0;
    std::vector<float> predicted;      ///< [chunks.count · tokens, latentDim] predictor output of masked tokens
    std::vector<float> targetLatent;   ///< [chunks.count · tokens, latentDim] target encoder output of masked tokens
};

/// The Inspect computation: masked forward passes of a loaded model over the model inputs that cover a span of a
/// recording's log-mel. Chunk c (counted from the recording's start) is masked with noise seeded by seed + c, so a
/// patch keeps its mask while the view scrolls. Encoder-only models give the mask alone.
class MaskedInspection {
public:
    /// logMel: [melCount, frames] row-major ln-power, not normalised (the model's mean/std are applied here);
    /// it must outlive this object.
    MaskedInspection(const M2dsModel& model, const float* logMel, int melCount, std::size_t frames, double framesPerSecond);

    /// Inspects the chunks covering [fromSeconds, toSeconds] (at most maxChunks of them); keepLatents also returns
    /// the inputs and the predictor's and target's latents per masked token.
    MaskedInspectionResult run(unsigned seed, double maskRatio, double fromSeconds, double toSeconds, int maxChunks,
                               bool keepLatents = false) const;
    /// Inspects the chunks in `chunks` (clamped to the recording).
    MaskedInspectionResult run(unsigned seed, double maskRatio, const ChunkSpan& chunks, bool keepLatents) const;
    /// Where the model's patches lie in this recording.
    const InspectionGeometry& geometry() const { return geometry_; }

    /// The normalised model inputs [count, 1, F, inputFrames] of `chunks`, zero past the recording's end.
    FloatArray inputBatch(const ChunkSpan& chunks) const;
    /// Per row of noise [B, N], the token ids sorted by ascending noise (stable): visible ones first, as the model ranks them.
    static std::vector<int64_t> rankNoise(const FloatArray& noise);
    /// Mask flags [B · tokens] from per-row token orders [B, tokens] whose first `visible` ids are visible.
    static std::vector<char> maskFromOrder(const std::vector<int64_t>& order, int tokens, int visible);
    /// Scatters the masked tokens' losses [B, tokens − visible] (in `order`) to token positions, NaN for visible and
    /// padding tokens; returns the mean over the tokens written (NaN if none).
    /// Scatters the masked tokens' rows [B, tokens − visible, dim] (in `order`) to token rows [B · tokens, dim], zero
    /// for visible tokens.
    static std::vector<float> scatterRows(const std::vector<int64_t>& order, int tokens, int visible, const FloatArray& rows);
    static float scatterLosses(const InspectionGeometry& geometry, const ChunkSpan& chunks, const std::vector<int64_t>& order,
                               int visible, const std::vector<float>& perTokenLoss, std::vector<float>& tokenLoss);

private:
    const M2dsModel& model_;
    const float* logMel_;
    int melCount_;
    InspectionGeometry geometry_;
};

}  // namespace m2ds
