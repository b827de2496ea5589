#pragma once
#include <cstddef>
#include <vector>

namespace m2ds {

/// One chunk the encoder sees: log-mel frames [firstFrame, firstFrame + frames) of recording `recording`, zero-padded
/// to `width` frames (a multiple of the patch width, at most the model's input width).
struct ChunkSpan {
    std::size_t recording = 0;
    std::size_t firstFrame = 0;
    std::size_t frames = 0;
    std::size_t width = 0;
};

/// The official runtime's chunks (spec section 5) of recordings `frameCounts` log-mel frames long, in order: each cut
/// into `inputFrames`-wide chunks, the last one shorter and zero-padded to a multiple of `patchTime`; grouped into
/// passes of at most `perPass` chunks, which may span recordings. A recording of 0 frames has no chunk.
std::vector<std::vector<ChunkSpan>> planChunkPasses(const std::vector<std::size_t>& frameCounts, std::size_t inputFrames,
                                                    std::size_t patchTime, std::size_t perPass);

}  // namespace m2ds
