#include "analysis/PatchAttention.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "analysis/MaskedInspection.h"
#include "common/Errors.h"
#include "model/M2dsModel.h"

namespace m2ds {

PatchAttention::PatchAttention(const M2dsModel& model, const float* logMel, int melCount, std::size_t frames, double framesPerSecond)
    : model_(model), logMel_(logMel), melCount_(melCount), framesPerSecond_(framesPerSecond), geometry_(model.config(), frames, framesPerSecond) {}

PatchAttentionResult PatchAttention::at(double seconds, int melBin, int layer, int head) const {
    const int heads = model_.config().heads;
    if (head < -1 || head >= heads) throw InvalidArgument("head " + std::to_string(head) + " is outside -1 (mean) .. " + std::to_string(heads - 1));
    const auto frame = std::min(std::size_t(std::max(0.0, std::floor(seconds * framesPerSecond_))), geometry_.recordingFrames() - 1);
    PatchAttentionResult result;
    result.query = geometry_.tokenAt(frame, melBin);
    result.layer = layer;
    result.head = head;
    result.heads = heads;
    const MaskedInspection inputs(model_, logMel_, melCount_, geometry_.recordingFrames(), framesPerSecond_);
    const FloatArray weights = model_.attention(inputs.inputBatch({result.query.chunk, 1}), layer);  // [heads, 1 + N, 1 + N]
    const std::size_t width = weights.shape[2], row = std::size_t(result.query.token) + 1;  // cls is token 0
    result.weights.assign(width - 1, 0.0f);
    for (int h = 0; h < heads; ++h) {
        if (head >= 0 && h != head) continue;
        const float* probabilities = weights.values.data() + (std::size_t(h) * width + row) * width;
        result.clsWeight += probabilities[0];
        for (std::size_t key = 1; key < width; ++key) result.weights[key - 1] += probabilities[key];
    }
    const float share = head >= 0 ? 1.0f : 1.0f / float(heads);
    result.clsWeight *= share;
    for (float& weight : result.weights) weight *= share;
    return result;
}

}  // namespace m2ds
