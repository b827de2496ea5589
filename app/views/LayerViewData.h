#pragma once
// Layer views of one recording: a colour per frame from a layer's first principal components, and cosine similarities
// to a clicked frame. Plain buffers, no core types.
#include <QString>
#include <cstdint>
#include <memory>
#include <vector>

namespace m2ds {

/// Frame f covers [f · secondsPerFrame, (f + 1) · secondsPerFrame) of the recording.
struct LayerViewData {
    QString path;                  ///< the recording's
    int layer = 0;
    std::size_t frames = 0;
    double secondsPerFrame = 0.02;
    std::vector<uint8_t> rgb;      ///< [frames, 3]
    std::vector<double> explained; ///< share of the variance along components 1–3
    std::size_t dim = 0;
    std::vector<float> embeddings; ///< [frames, dim] the layer's frame embeddings
};
using LayerViewDataPtr = std::shared_ptr<const LayerViewData>;

/// Cosine similarity of every frame of a layer view to one frame.
struct FrameSimilarityData {
    int layer = 0;
    std::size_t frame = 0;         ///< the clicked frame
    double secondsPerFrame = 0.02;
    std::vector<float> cosine;     ///< [frames] in [−1, 1]
};
using FrameSimilarityDataPtr = std::shared_ptr<const FrameSimilarityData>;

}  // namespace m2ds
