#pragma once
// One masked forward pass over consecutive model inputs of a recording, for the Inspect overlays. Plain buffers.
#include <cmath>
#include <limits>
#include <memory>
#include <vector>

namespace m2ds {

/// Tokens are numbered per chunk in the model's order (row · cols + col); chunk c covers log-mel frames
/// [c · inputFrames, (c + 1) · inputFrames). Token (row, col) of chunk c covers frames
/// c · inputFrames + [col · patchTime, (col + 1) · patchTime) and mel bins [row · patchFrequency, (row + 1) · patchFrequency).
struct InspectionData {
    int firstChunk = 0;
    int chunkCount = 0;
    int gridRows = 1;
    int gridCols = 0;
    int patchTime = 2;
    int patchFrequency = 80;
    int inputFrames = 608;
    std::size_t recordingFrames = 0;  ///< log-mel frames of the recording; tokens past it are padding
    unsigned seed = 0;
    double maskRatio = 0.6;
    std::vector<char> masked;         ///< [chunkCount · tokens]: 1 masked, 0 visible
    std::vector<float> tokenLoss;     ///< [chunkCount · tokens]: M2D norm-MSE of masked tokens, NaN for visible/padding
    float meanLoss = std::numeric_limits<float>::quiet_NaN();  ///< over masked, non-padding tokens; NaN without predictor
    int offlineDim = 0;
    std::vector<float> offline;       ///< [chunkCount · gridCols, offlineDim] offline head output per patch column
    // Masked reconstruction (weights with a predictor): images [melCount, chunkCount · inputFrames] row-major in ln power
    // from frame firstChunk · inputFrames on; NaN = blank (masked patches of the model input, frames past the end).
    int melCount = 0;
    std::vector<float> modelInput;      ///< the spectrogram as the online encoder sees it: masked patches blank
    std::vector<float> reconstruction;  ///< visible patches as they are, masked ones read out of the predictor's output; empty before a readout
    std::vector<float> targetReadout;   ///< visible patches as they are, masked ones read out of the target encoder's latents
    std::vector<float> patchError;      ///< [chunkCount · tokens]: mean squared error (ln power²) of the reconstruction, masked patches only
    float meanPatchError = std::numeric_limits<float>::quiet_NaN();
    double readoutR2 = std::numeric_limits<double>::quiet_NaN();  ///< the readout's R² on held-out patches

    int tokensPerChunk() const { return gridRows * gridCols; }
    bool hasLosses() const { return !std::isnan(meanLoss); }
    /// Log-mel frames of each image: chunkCount · inputFrames.
    std::size_t imageFrames() const { return std::size_t(chunkCount) * std::size_t(inputFrames); }
    /// Index into masked/tokenLoss of (chunk, row, col), chunk counted from firstChunk.
    std::size_t index(int chunk, int row, int col) const {
        return std::size_t(chunk) * std::size_t(tokensPerChunk()) + std::size_t(row) * std::size_t(gridCols) + std::size_t(col);
    }
};

using InspectionDataPtr = std::shared_ptr<const InspectionData>;

}  // namespace m2ds
