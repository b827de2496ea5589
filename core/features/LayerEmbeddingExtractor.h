#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "common/FloatArray.h"

namespace m2ds {

class ProgressMonitor;

/// Receives one recording's frames in time order, a chunk at a time: one [frames, dimension()] float32 array per
/// layer, in the order of LayerEmbeddingExtractor::layers(); every array of one call has the same frame count.
using LayerFramesSink = std::function<void(const std::vector<FloatArray>& layers)>;

/// Turns one recording into the frames of several layers of a model in one pass: what a layer-wise probe pools into
/// clip embeddings. Implementations are const and reusable across files.
class LayerEmbeddingExtractor {
public:
    /// Polymorphic base.
    virtual ~LayerEmbeddingExtractor();

    /// The layers extracted, in output order (the model's own numbering).
    virtual const std::vector<int>& layers() const = 0;
    /// Columns D of every frame of every layer.
    virtual std::size_t dimension() const = 0;
    /// Frames per second of the output.
    virtual double framesPerSecond() const = 0;
    /// A JSON object naming what is computed (kind, checkpoint and its SHA-256, layers, settings): the cache key of
    /// clip embeddings and the provenance written next to a probe's results.
    virtual std::string identity() const = 0;
    /// Streams the frames of `path` into `sink`; returns the frame count T. Throws InputError naming the file when it
    /// is unusable, CancelledError through `monitor` (which may be null).
    virtual std::size_t extract(const std::string& path, const LayerFramesSink& sink, const ProgressMonitor* monitor) const = 0;
};

}  // namespace m2ds
