#pragma once
#include <cstdint>
#include <vector>

#include "common/FloatArray.h"

namespace m2ds {

/// What one masked forward pass computed, for one batch (plain arrays, row-major).
struct MaskedPrediction {
    std::vector<int64_t> idsShuffle;  ///< [B, N]: per sample, visible token ids first, then the masked ones
    int visible = 0;                  ///< visible tokens per sample
    FloatArray latent;                ///< [B, 1 + visible, D] encoder output (cls first)
    FloatArray prediction;            ///< [B, N - visible, D] predictor output, masked tokens in shuffle order
    FloatArray target;                ///< [B, N - visible, D] target encoder output, same order
    FloatArray perTokenLoss;          ///< [B, N - visible] M2D norm-MSE per masked token
    float lossM2d = 0.0f;             ///< mean of perTokenLoss
    FloatArray offline;               ///< [B, cols, offlineDim] offline head output (empty without a head)
    float lossOffline = 0.0f;         ///< norm-MSE against the teacher over all frames (0 without a teacher)
    float loss = 0.0f;                ///< lossM2dWeight·lossM2d + lossOfflineWeight·lossOffline
};

}  // namespace m2ds
