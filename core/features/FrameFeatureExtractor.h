#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "common/FloatArray.h"

namespace m2ds {

class InputError;
class ProgressMonitor;

/// What FrameFeatureExtractor::extractEach() tells of each file, one after the other in the order of the paths.
struct FileFeaturesSink {
    /// The file's features [T, D] float32.
    std::function<void(std::size_t file, FloatArray&& features)> features;
    /// The file cannot be used (the error names it and why); the others go on. Unset: the InputError is thrown
    /// instead, once the files before it have been delivered.
    std::function<void(std::size_t file, const InputError& error)> unusable;
};

/// Turns one input file (a recording, or a prepared `.npz`) into frame features at a fixed frame rate: what
/// clustering and probing learn from. Implementations are const and reusable across files.
class FrameFeatureExtractor {
public:
    /// Polymorphic base.
    virtual ~FrameFeatureExtractor();

    /// Columns D of every frame.
    virtual std::size_t dimension() const = 0;
    /// Frames per second of the output (50 for M2D-S layers and HuBERT-style teachers, 100 for MFCCs).
    virtual double framesPerSecond() const = 0;
    /// A JSON object naming what is computed (kind, checkpoint and its SHA-256, layer, settings): the cache key of a
    /// dump and the provenance written next to every output.
    virtual std::string identity() const = 0;
    /// Features of `path`: [T, D] float32, row t covering [t, t + 1) / framesPerSecond() s. Throws InputError naming
    /// the file when it is unusable, CancelledError through `monitor` (which may be null).
    virtual FloatArray extract(const std::string& path, const ProgressMonitor* monitor) const = 0;
    /// extract() of each of `paths`. This default takes them one after the other; a model that runs several recordings
    /// per forward pass (on CUDA) groups them, with the same features up to float rounding. Reports the share of files
    /// done into `monitor`, and throws CancelledError through it.
    virtual void extractEach(const std::vector<std::string>& paths, const FileFeaturesSink& sink, const ProgressMonitor& monitor) const;
};

}  // namespace m2ds
