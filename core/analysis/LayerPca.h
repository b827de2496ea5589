#pragma once
#include <cstdint>
#include <vector>

#include "analysis/LinearReadout.h"

namespace m2ds {

class M2dsModel;

/// One layer of a recording seen through its first three principal components.
struct LayerPcaResult {
    RowMatrix embeddings;          ///< [frames, rows · D] the layer's frame embeddings (20 ms per frame for 80x2 patches)
    std::vector<uint8_t> rgb;      ///< [frames, 3] FrameColouring of the three components
    std::vector<double> explained; ///< [3] share of the total variance along each component
};

/// Layer views: a layer's frame embeddings of a whole recording (official extraction, M2dsModel::extract), a PCA
/// fitted on that recording, and a colour per frame from its first three components.
class LayerPca {
public:
    /// logMel: [melCount, frames] row-major ln power, not normalised (the model's mean/std are applied here);
    /// layer 0 … depth. Throws InvalidArgument on a layer out of range or fewer than 2 frames.
    static LayerPcaResult compute(const M2dsModel& model, const float* logMel, int melCount, std::size_t frames, int layer);
};

}  // namespace m2ds
