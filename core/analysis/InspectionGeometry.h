#pragma once
#include <cstddef>

#include "model/ModelConfig.h"

namespace m2ds {

/// A run of consecutive model inputs (chunks of inputFrames log-mel frames), counted from the recording's start.
struct ChunkSpan {
    int first = 0;
    int count = 0;
};

/// A token of one model input: chunk (counted from the recording's start) and token (row · cols + col).
struct TokenAddress {
    int chunk = 0;
    int token = 0;
};

/// Where the patches of a model's inputs lie in a recording's log-mel: chunk c covers frames
/// [c · inputFrames, (c + 1) · inputFrames); its token (row, col) covers frames c · inputFrames + [col · patchTime,
/// (col + 1) · patchTime) and mel bins [row · patchFrequency, (row + 1) · patchFrequency). The last chunk is
/// zero-padded past the recording's end; its tokens there are padding.
class InspectionGeometry {
public:
    /// config: the model's geometry; recordingFrames and framesPerSecond: the recording's log-mel.
    InspectionGeometry(const ModelConfig& config, std::size_t recordingFrames, double framesPerSecond);

    /// Chunks the recording splits into: ceil(recordingFrames / inputFrames), at least 1.
    int chunkCount() const;
    /// Tokens per chunk: gridRows · gridCols.
    int tokensPerChunk() const;
    /// The chunks overlapping [fromSeconds, toSeconds], at most maxChunks from the first one, always at least one.
    ChunkSpan chunksCovering(double fromSeconds, double toSeconds, int maxChunks) const;
    /// First log-mel frame of `token` of `chunk`.
    std::size_t firstFrame(int chunk, int token) const;
    /// True when the token starts at or past the recording's last frame (it sees only zero padding).
    bool isPadding(int chunk, int token) const;
    /// The token covering log-mel `frame` and mel bin `melBin` (clamped into the grid).
    TokenAddress tokenAt(std::size_t frame, int melBin) const;

    /// Log-mel frames of the recording.
    std::size_t recordingFrames() const { return recordingFrames_; }

private:
    ModelConfig config_;
    std::size_t recordingFrames_;
    double framesPerSecond_;
};

}  // namespace m2ds
