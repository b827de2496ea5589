#pragma once
// The attention of one clicked patch over the patches of its model input. Plain buffers, no core types.
#include <memory>
#include <vector>

namespace m2ds {

/// Chunk c covers log-mel frames [c · inputFrames, (c + 1) · inputFrames); token (row, col) = row · gridCols + col.
struct AttentionMapData {
    int chunk = 0;                 ///< the query's model input, counted from the recording's start
    int token = 0;                 ///< the query patch
    int layer = 1;
    int head = -1;                 ///< −1: the mean over heads
    int gridRows = 1;
    int gridCols = 0;
    int patchTime = 2;
    int patchFrequency = 80;
    int inputFrames = 608;
    std::vector<float> weights;    ///< [gridRows · gridCols] attention probabilities of the query over the patches
    float clsWeight = 0.0f;        ///< the share it gives the cls token
};
using AttentionMapDataPtr = std::shared_ptr<const AttentionMapData>;

}  // namespace m2ds
