#pragma once
#include <cstdint>
#include <string>

namespace m2ds {

/// What a recording's header says, before any conversion.
struct AudioInfo {
    std::string path;
    std::string format;       ///< container and encoding, e.g. "WAV (Microsoft), Signed 16 bit PCM"
    int sampleRate = 0;       ///< Hz
    int channels = 0;
    std::int64_t frames = 0;  ///< samples per channel

    /// Length in seconds (frames / sampleRate).
    double durationSeconds() const { return sampleRate > 0 ? static_cast<double>(frames) / sampleRate : 0.0; }
};

}  // namespace m2ds
