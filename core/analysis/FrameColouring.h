#pragma once
#include <cstdint>
#include <vector>

#include "analysis/LinearReadout.h"

namespace m2ds {

/// Colours for frames from three numbers each (the first three principal components of a layer): component c of
/// every frame goes through its own 2nd–98th percentile range onto 0…255 (clamped) and becomes channel c (R, G, B),
/// so one outlier does not grey out the rest.
class FrameColouring {
public:
    /// projections [n, k ≥ 1] → RGB bytes [n, 3]; channels past k are 0.
    static std::vector<uint8_t> rgb(const RowMatrix& projections);
    /// Cosine similarity of every row of `frames` [n, d] to row `frame`: [n] in [−1, 1]; 0 for a zero row.
    static std::vector<float> cosineTo(const RowMatrix& frames, std::size_t frame);
};

}  // namespace m2ds
