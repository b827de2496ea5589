#pragma once
#include <cstddef>
#include <vector>

#include "audio/FrontEndConfig.h"
#include "audio/LogMelSpectrogram.h"
#include "audio/MelFilterbank.h"
#include "audio/RealFft.h"

namespace m2ds {

class ProgressMonitor;

/// The M2D log-mel front-end: reflect-padded STFT (periodic Hann), power 2, Slaney mel, log(x + eps).
/// Matches nnAudio's MelSpectrogram as M2D uses it. compute() is const and may run on several threads at once.
class LogMelFrontEnd {
public:
    /// Throws InvalidArgument for an inconsistent configuration.
    explicit LogMelFrontEnd(const FrontEndConfig& config = {});

    const FrontEndConfig& config() const { return config_; }
    const MelFilterbank& filterbank() const { return filterbank_; }
    /// 1 + floor(samples / hop): frames for `samples` input samples.
    std::size_t frameCount(std::size_t samples) const;
    /// Log-mel of `count` mono float32 samples at config().sampleRate. Needs count >= minimumSamples()
    /// (throws InvalidArgument otherwise). threads: 0 = all hardware threads. monitor may be null.
    LogMelSpectrogram compute(const float* samples, std::size_t count, int threads = 1,
                              const ProgressMonitor* monitor = nullptr) const;

private:
    class FrameRange;

    FrontEndConfig config_;
    MelFilterbank filterbank_;
    RealFft fft_;
    std::vector<double> window_;  // nFft values: periodic Hann of winLength, centred, zero elsewhere
};

}  // namespace m2ds
