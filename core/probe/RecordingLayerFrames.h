#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace m2ds {

class LayerEmbeddingExtractor;
class ProgressMonitor;

/// Every frame of every extracted layer of one recording, in memory: layers[l] holds [frames, dimension] float32
/// row-major. For frame-level work (similarity, frame probes) on recordings of minutes, not hours.
struct RecordingLayerFrames {
    std::vector<std::vector<float>> layers;
    std::size_t frames = 0;
    std::size_t dimension = 0;

    /// Runs `extractor` on `path`; throws InputError naming the file, CancelledError through `monitor` (may be null).
    static RecordingLayerFrames of(const LayerEmbeddingExtractor& extractor, const std::string& path, const ProgressMonitor* monitor);
    /// Row t of layer l: dimension floats.
    const float* row(std::size_t l, std::size_t t) const { return layers[l].data() + t * dimension; }
};

/// Throws InvalidArgument naming `what` when the extractors do not all run at the first one's frame rate (their frames
/// cannot be paired) or there is none.
void requireOneFrameRate(const std::vector<const LayerEmbeddingExtractor*>& extractors, const std::string& what);

/// `count` frame indices evenly spread over `frames` candidates (all of them when there are fewer).
std::vector<std::size_t> spreadIndices(std::size_t candidates, std::size_t count);

}  // namespace m2ds
