#pragma once
#include <cstddef>

namespace m2ds {

/// The latents a readout reads, in the space the M2D loss compares them in (spec section 2): the target encoder's
/// output standardised per token (unbiased variance, eps 1e-6) and L2-normalised, the predictor's output
/// L2-normalised. The loss ignores the prediction's scale, so only these directions are comparable, and a readout
/// fitted on targets can be applied to predictions.
class ReadoutFeatures {
public:
    /// latent [dim] of the target encoder → out [dim] (may alias latent).
    static void ofTarget(const float* latent, std::size_t dim, float* out);
    /// latent [dim] of the predictor → out [dim] (may alias latent).
    static void ofPrediction(const float* latent, std::size_t dim, float* out);
};

}  // namespace m2ds
