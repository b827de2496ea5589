#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "common/FloatArray.h"

namespace m2ds {

class InputError;
class ProgressMonitor;

/// Receives one recording's frames in time order, a chunk at a time: one [frames, dimension()] float32 array per
/// layer, in the order of LayerEmbeddingExtractor::layers(); every array of one call has the same frame count.
using LayerFramesSink = std::function<void(const std::vector<FloatArray>& layers)>;

/// What LayerEmbeddingExtractor::extractEach() tells of each recording, one recording after the other, in the order
/// of the paths: its frames (as LayerFramesSink, possibly in several calls) then done, or unusable instead — possibly
/// after some of its frames, which the sink then drops (a file can turn out undecodable midway).
struct RecordingFramesSink {
    std::function<void(std::size_t recording, const std::vector<FloatArray>& layers)> frames;
    std::function<void(std::size_t recording)> done;
    /// The recording cannot be used (the error names the file and why); the others go on. Unset: the InputError is
    /// thrown instead, once the recordings before it have been delivered.
    std::function<void(std::size_t recording, const InputError& error)> unusable;
};

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
    /// extract() of each of `paths`. This default takes them one after the other; a model that runs several recordings
    /// per forward pass (on CUDA) groups short ones into shared passes, with the same frames up to float rounding.
    /// Reports the share of recordings done into `monitor` (may be null), and throws CancelledError through it.
    virtual void extractEach(const std::vector<std::string>& paths, const RecordingFramesSink& sink, const ProgressMonitor* monitor) const;
};

}  // namespace m2ds
