#pragma once
// What the ui shows about a model's masked-reconstruction readout: numbers only, no core types.
#include <cstddef>

namespace m2ds {

struct ReadoutSummary {
    double r2 = 0.0;             ///< on held-out patches
    double lambda = 0.0;         ///< the ridge strength chosen, relative to the mean Gram eigenvalue
    std::size_t trainingRows = 0;
    std::size_t heldOutRows = 0;
    int recordings = 0;          ///< recordings it was fitted on
};

}  // namespace m2ds
