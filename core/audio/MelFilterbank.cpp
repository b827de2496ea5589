#include "audio/MelFilterbank.h"

#include <algorithm>
#include <cmath>

#include "common/Errors.h"

namespace m2ds {
namespace {
constexpr double kLinearHzPerMel = 200.0 / 3.0;
constexpr double kLogStartHz = 1000.0;
constexpr double kLogStartMel = kLogStartHz / kLinearHzPerMel;
const double kLogStep = std::log(6.4) / 27.0;
}  // namespace

double MelFilterbank::hzToMel(double hz) {
    return hz < kLogStartHz ? hz / kLinearHzPerMel : kLogStartMel + std::log(hz / kLogStartHz) / kLogStep;
}

double MelFilterbank::melToHz(double mel) {
    return mel < kLogStartMel ? mel * kLinearHzPerMel : kLogStartHz * std::exp(kLogStep * (mel - kLogStartMel));
}

MelFilterbank::MelFilterbank(int sampleRate, int nFft, int melCount, double fMinHz, double fMaxHz)
    : melCount_(melCount), binCount_(nFft / 2 + 1) {
    if (melCount <= 0 || nFft <= 0 || !(fMinHz >= 0.0 && fMinHz < fMaxHz && fMaxHz <= sampleRate / 2.0))
        throw InvalidArgument("mel filterbank needs 0 <= fmin < fmax <= sample_rate/2 and positive sizes");
    const double melLow = hzToMel(fMinHz);
    const double melHigh = hzToMel(fMaxHz);
    edgesHz_.resize(melCount + 2);
    for (int i = 0; i < melCount + 2; ++i) edgesHz_[i] = melToHz(melLow + (melHigh - melLow) * i / (melCount + 1));

    weights_.assign(static_cast<std::size_t>(melCount) * binCount_, 0.0);
    firstBin_.assign(melCount, binCount_);
    endBin_.assign(melCount, 0);
    for (int m = 0; m < melCount; ++m) {
        const double lower = edgesHz_[m], centre = edgesHz_[m + 1], upper = edgesHz_[m + 2];
        const double areaNorm = 2.0 / (upper - lower);
        for (int k = 0; k < binCount_; ++k) {
            const double hz = static_cast<double>(k) * sampleRate / nFft;
            const double rising = (hz - lower) / (centre - lower);
            const double falling = (upper - hz) / (upper - centre);
            const double weight = std::max(0.0, std::min(rising, falling)) * areaNorm;
            if (weight <= 0.0) continue;
            weights_[static_cast<std::size_t>(m) * binCount_ + k] = weight;
            firstBin_[m] = std::min(firstBin_[m], k);
            endBin_[m] = k + 1;
        }
        if (endBin_[m] == 0) firstBin_[m] = 0;  // an empty filter (fine resolution at low fMax) stays all zeros
    }
}

void MelFilterbank::apply(const double* power, double* mel) const {
    for (int m = 0; m < melCount_; ++m) {
        const double* row = weights_.data() + static_cast<std::size_t>(m) * binCount_;
        double sum = 0.0;
        for (int k = firstBin_[m]; k < endBin_[m]; ++k) sum += row[k] * power[k];
        mel[m] = sum;
    }
}

}  // namespace m2ds
