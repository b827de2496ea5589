#pragma once
#include <vector>

#include "audio/AudioInfo.h"

namespace m2ds {

/// A recording decoded to mono float32 at the front-end's sample rate.
struct Waveform {
    std::vector<float> samples;  ///< mono, full scale ±1
    int sampleRate = 16000;      ///< Hz
    AudioInfo source;            ///< the file as it was before conversion
    bool resampled = false;      ///< source rate differed and soxr converted it
    bool downmixed = false;      ///< source had several channels, averaged to mono

    double durationSeconds() const { return sampleRate > 0 ? static_cast<double>(samples.size()) / sampleRate : 0.0; }
};

}  // namespace m2ds
