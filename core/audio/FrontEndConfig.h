#pragma once
#include <limits>

namespace m2ds {

/// The M2D log-mel front-end (spec section 1: nnAudio MelSpectrogram as M2D/M2D-S configure it).
struct FrontEndConfig {
    int sampleRate = 16000;  ///< Hz
    int nFft = 400;          ///< samples
    int winLength = 400;     ///< samples, periodic Hann, centred in nFft when shorter
    int hopLength = 160;     ///< samples (10 ms)
    int melCount = 80;
    double fMinHz = 50.0;
    double fMaxHz = 8000.0;
    float logEpsilon = std::numeric_limits<float>::epsilon();  ///< log(mel + eps)

    /// Shortest input the reflect padding accepts: nFft/2 + 1 samples.
    int minimumSamples() const { return nFft / 2 + 1; }
    /// Frame rate in Hz (100 for the defaults).
    double framesPerSecond() const { return static_cast<double>(sampleRate) / hopLength; }
};

/// Scalar normalisation x' = (x - mean) / std applied to every log-mel value.
struct Normalisation {
    float mean = -7.1f;  ///< M2D's AudioSet fallback (spec section 1)
    float std = 4.2f;
};

}  // namespace m2ds
