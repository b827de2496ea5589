#pragma once
#include <cstddef>
#include <vector>

namespace m2ds {

/// Log-mel values laid out [melCount, frameCount] row-major, as the model input [1, 80, T] expects.
struct LogMelSpectrogram {
    int melCount = 0;
    std::size_t frameCount = 0;
    double framesPerSecond = 100.0;  ///< Hz; frame t is centred at t / framesPerSecond seconds
    std::vector<float> values;

    float at(int mel, std::size_t frame) const { return values[static_cast<std::size_t>(mel) * frameCount + frame]; }
    /// Applies (x - mean) / std in place.
    void normalise(float mean, float std);
};

inline void LogMelSpectrogram::normalise(float mean, float std) {
    for (float& value : values) value = (value - mean) / std;
}

}  // namespace m2ds
