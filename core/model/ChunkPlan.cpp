#include "model/ChunkPlan.h"

#include <algorithm>

namespace m2ds {

std::vector<std::vector<ChunkSpan>> planChunkPasses(const std::vector<std::size_t>& frameCounts, std::size_t inputFrames,
                                                    std::size_t patchTime, std::size_t perPass) {
    std::vector<std::vector<ChunkSpan>> passes;
    for (std::size_t recording = 0; recording < frameCounts.size(); ++recording) {
        const std::size_t frames = frameCounts[recording];
        const std::size_t padded = frames + (patchTime - frames % inputFrames % patchTime) % patchTime;
        for (std::size_t first = 0; first < padded; first += inputFrames) {
            if (passes.empty() || passes.back().size() >= std::max<std::size_t>(1, perPass)) passes.emplace_back();
            passes.back().push_back({recording, first, std::min(inputFrames, frames - first), std::min(inputFrames, padded - first)});
        }
    }
    return passes;
}

}  // namespace m2ds
