#pragma once
#include <cstddef>
#include <vector>

struct soxr;

namespace m2ds {

/// Streaming mono sample-rate converter (libsoxr, "high quality" as librosa's default soxr_hq).
/// Feed blocks with process(), then call finish() once to flush the filter tail.
class Resampler {
public:
    /// Rates in Hz; throws InvalidArgument if soxr rejects them.
    Resampler(double inputRate, double outputRate);
    ~Resampler();
    Resampler(const Resampler&) = delete;
    Resampler& operator=(const Resampler&) = delete;

    /// Converts `count` float32 samples and appends the output to `out`.
    void process(const float* input, std::size_t count, std::vector<float>& out);
    /// Appends the remaining output; the total output length is round(inputLength * ratio).
    void finish(std::vector<float>& out);

private:
    void drain(const float* input, std::size_t count, std::vector<float>& out);

    soxr* soxr_ = nullptr;
    double ratio_;
};

}  // namespace m2ds
