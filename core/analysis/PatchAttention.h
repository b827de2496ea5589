#pragma once
#include <cstddef>
#include <vector>

#include "analysis/InspectionGeometry.h"

namespace m2ds {

class M2dsModel;

/// Where one patch of a recording looks: the attention probabilities of its token over the tokens of its model input.
struct PatchAttentionResult {
    TokenAddress query;            ///< the clicked patch (chunk counted from the recording's start, token)
    int layer = 1;
    int head = -1;                 ///< −1: the mean over heads
    int heads = 0;
    std::vector<float> weights;    ///< [tokens] attention of the query over the chunk's patches (row · cols + col)
    float clsWeight = 0.0f;        ///< what it gives the cls token (the rest of the row)
};

/// The attention map of a clicked patch, as the official attention notebook draws it: the unmasked model input (chunk)
/// that holds the patch through the online encoder, the probabilities inside block `layer`, the query's row.
class PatchAttention {
public:
    /// logMel: [melCount, frames] row-major ln power, not normalised; it must outlive this object.
    PatchAttention(const M2dsModel& model, const float* logMel, int melCount, std::size_t frames, double framesPerSecond);

    /// The patch at (seconds, melBin) in block `layer` (1 … depth), head `head` (0 … heads − 1, or −1 for the mean).
    /// Throws InvalidArgument on a layer or head out of range.
    PatchAttentionResult at(double seconds, int melBin, int layer, int head) const;

private:
    const M2dsModel& model_;
    const float* logMel_;
    int melCount_;
    double framesPerSecond_;
    InspectionGeometry geometry_;
};

}  // namespace m2ds
