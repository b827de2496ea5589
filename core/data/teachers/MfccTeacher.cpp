#include "data/teachers/MfccTeacher.h"

#include <cmath>

#include "common/Errors.h"

namespace m2ds {

MfccTeacher::MfccTeacher(int coefficients, int melCount)
    : coefficients_(coefficients), melCount_(melCount), basis_(static_cast<std::size_t>(coefficients) * melCount) {
    if (coefficients < 1 || coefficients > melCount) throw InvalidArgument("MFCC coefficients must be 1.." + std::to_string(melCount));
    const double pi = std::acos(-1.0);
    for (int k = 0; k < coefficients; ++k) {
        const double scale = std::sqrt((k == 0 ? 1.0 : 2.0) / melCount);
        for (int m = 0; m < melCount; ++m)
            basis_[static_cast<std::size_t>(k) * melCount + m] = static_cast<float>(scale * std::cos(pi * k * (m + 0.5) / melCount));
    }
}

std::string MfccTeacher::kind() const { return "mfcc" + std::to_string(coefficients_); }

FloatArray MfccTeacher::compute(const TeacherInput& input) const {
    const LogMelSpectrogram& logMel = input.logMel;
    if (logMel.melCount != melCount_) throw InputError(input.recordingPath, "log-mel has " + std::to_string(logMel.melCount) + " bands, MFCC expects " + std::to_string(melCount_));
    const std::size_t frames = logMel.frameCount / 2, dim = static_cast<std::size_t>(coefficients_);
    FloatArray out{{frames, dim}, std::vector<float>(frames * dim, 0.0f)};
    for (std::size_t f = 0; f < frames; ++f)
        for (std::size_t k = 0; k < dim; ++k) {
            const float* row = basis_.data() + k * static_cast<std::size_t>(melCount_);
            double sum = 0.0;
            for (int m = 0; m < melCount_; ++m) sum += row[m] * (logMel.at(m, 2 * f) + logMel.at(m, 2 * f + 1));
            out.values[f * dim + k] = static_cast<float>(sum / 2.0);
        }
    return out;
}

}  // namespace m2ds
