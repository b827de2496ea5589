#pragma once
#include <cstddef>
#include <vector>

namespace m2ds {

/// The model-input normalisation, (x − mean) / std, in place over `count` log-mel values (ln power → standardised).
/// The one place it is written: every model input (extraction, teachers, inspection, layer views) goes through it.
inline void normaliseLogMel(float* values, std::size_t count, float mean, float std) {
    for (std::size_t i = 0; i < count; ++i) values[i] = (values[i] - mean) / std;
}

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

inline void LogMelSpectrogram::normalise(float mean, float std) { normaliseLogMel(values.data(), values.size(), mean, std); }

}  // namespace m2ds
