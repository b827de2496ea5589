#include "model/hubert/TeacherNormalisation.h"

#include <cmath>

namespace m2ds {

std::vector<float> normaliseForHubert(const std::vector<float>& wave) {
    if (wave.empty()) return {};
    double sum = 0.0;
    for (float x : wave) sum += x;
    const double mean = sum / double(wave.size());
    double squares = 0.0;
    for (float x : wave) squares += (x - mean) * (x - mean);
    const double scale = 1.0 / std::sqrt(squares / double(wave.size()) + 1e-7);
    std::vector<float> out(wave.size());
    for (std::size_t i = 0; i < wave.size(); ++i) out[i] = float((wave[i] - mean) * scale);
    return out;
}

}  // namespace m2ds
