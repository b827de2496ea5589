#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace m2ds {

/// How the frames of one recording become one clip vector.
enum class ClipPoolingKind { Mean, MeanStd, Max, First, Last };

/// "mean" | "mean+std" | "max" | "first" | "last" → kind; throws InvalidArgument listing the choices.
ClipPoolingKind parseClipPooling(const std::string& name);
/// kind → its name as parseClipPooling reads it.
std::string clipPoolingName(ClipPoolingKind kind);

/// Streams the frames [T, D] float32 of one recording (in chunks) into one pooled vector: mean over time (the official
/// runtime's clip embedding), mean then population std (2D values: D means, then D stds), element-wise max, first or
/// last frame. Accumulation in float64 (sums; Welford's running mean and squared deviations for mean+std).
class ClipPooling {
public:
    /// dim: values per frame (D > 0).
    ClipPooling(ClipPoolingKind kind, std::size_t dim);

    ClipPoolingKind kind() const { return kind_; }
    /// Values of the pooled vector: D, or 2D for mean+std.
    std::size_t outputDim() const;
    /// Adds `count` frames, row-major [count, D] float32.
    void add(const float* rows, std::size_t count);
    /// The pooled vector [outputDim()] float32; throws InvalidArgument when no frame was added.
    std::vector<float> result() const;
    /// Forgets the frames added so far (the next recording starts).
    void reset();
    /// Frames added since construction or the last reset.
    std::size_t frames() const { return frames_; }

private:
    ClipPoolingKind kind_;
    std::size_t dim_;
    std::size_t frames_ = 0;
    std::vector<double> first_;   ///< sums (Mean), running mean (MeanStd), running max (Max) or the kept frame (First, Last)
    std::vector<double> second_;  ///< summed squared deviations from the running mean (MeanStd only)
};

}  // namespace m2ds
