#include "probe/RecordingLayerFrames.h"

#include <algorithm>
#include <cmath>

#include "common/Errors.h"

#include "features/LayerEmbeddingExtractor.h"

namespace m2ds {

RecordingLayerFrames RecordingLayerFrames::of(const LayerEmbeddingExtractor& extractor, const std::string& path, const ProgressMonitor* monitor) {
    RecordingLayerFrames result;
    result.dimension = extractor.dimension();
    result.layers.resize(extractor.layers().size());
    result.frames = extractor.extract(path,
                                      [&](const std::vector<FloatArray>& chunk) {
                                          for (std::size_t l = 0; l < chunk.size(); ++l)
                                              result.layers[l].insert(result.layers[l].end(), chunk[l].values.begin(), chunk[l].values.end());
                                      },
                                      monitor);
    return result;
}

void requireOneFrameRate(const std::vector<const LayerEmbeddingExtractor*>& extractors, const std::string& what) {
    if (extractors.empty()) throw InvalidArgument(what + ": no model given");
    for (const LayerEmbeddingExtractor* extractor : extractors)
        if (std::abs(extractor->framesPerSecond() - extractors.front()->framesPerSecond()) > 1e-9)
            throw InvalidArgument(what + ": the models' frames cannot be paired: " + std::to_string(extractors.front()->framesPerSecond()) +
                                  " frames/s against " + std::to_string(extractor->framesPerSecond()));
}

std::vector<std::size_t> spreadIndices(std::size_t candidates, std::size_t count) {
    std::vector<std::size_t> picked;
    const std::size_t taken = std::min(candidates, count);
    for (std::size_t i = 0; i < taken; ++i) picked.push_back(i * candidates / taken);
    return picked;
}

}  // namespace m2ds
