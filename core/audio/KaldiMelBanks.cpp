#include "audio/KaldiMelBanks.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "common/Errors.h"

namespace m2ds {
namespace {

void checkArguments(double sampleRate, int fftSize, int binCount, double lowHz, double highHz) {
    const double nyquist = 0.5 * sampleRate;
    if (sampleRate > 0.0 && fftSize >= 2 && fftSize % 2 == 0 && binCount > 3 && lowHz >= 0.0 && lowHz < highHz &&
        highHz <= nyquist)
        return;
    std::ostringstream message;
    message << "Kaldi mel banks need sample rate > 0, an even FFT size, more than 3 bins and 0 <= low < high <= "
            << "Nyquist; got rate " << sampleRate << " Hz, FFT " << fftSize << ", " << binCount << " bins, "
            << lowHz << " .. " << highHz << " Hz";
    throw InvalidArgument(message.str());
}

}  // namespace

double KaldiMelBanks::hzToMel(double hz) { return 1127.0 * std::log(1.0 + hz / 700.0); }

double KaldiMelBanks::melToHz(double mel) { return 700.0 * (std::exp(mel / 1127.0) - 1.0); }

KaldiMelBanks::KaldiMelBanks(double sampleRate, int fftSize, int binCount, double lowHz, double highHz)
    : spectrumSize_(fftSize / 2 + 1) {
    checkArguments(sampleRate, fftSize, binCount, lowHz, highHz);
    const double hzPerFftBin = sampleRate / fftSize;
    const double lowMel = hzToMel(lowHz);
    const double melStep = (hzToMel(highHz) - lowMel) / (binCount + 1);
    filters_.resize(binCount);
    for (int m = 0; m < binCount; ++m) {
        const double left = lowMel + m * melStep, centre = lowMel + (m + 1) * melStep, right = lowMel + (m + 2) * melStep;
        Filter& filter = filters_[m];
        for (int k = 0; k < fftSize / 2; ++k) {  // the Nyquist bin (k = fftSize / 2) stays outside every filter
            const double mel = hzToMel(hzPerFftBin * k);
            const double weight = std::min((mel - left) / (centre - left), (right - mel) / (right - centre));
            if (weight <= 0.0) continue;
            if (filter.weights.empty()) filter.firstFftBin = k;
            filter.weights.resize(k - filter.firstFftBin + 1, 0.0);
            filter.weights.back() = weight;
        }
    }
}

double KaldiMelBanks::weight(int bin, int fftBin) const {
    const Filter& filter = filters_.at(bin);
    const int offset = fftBin - filter.firstFftBin;
    return offset >= 0 && offset < static_cast<int>(filter.weights.size()) ? filter.weights[offset] : 0.0;
}

void KaldiMelBanks::apply(const double* power, double* mel) const {
    for (std::size_t m = 0; m < filters_.size(); ++m) {
        const Filter& filter = filters_[m];
        const double* spectrum = power + filter.firstFftBin;
        double sum = 0.0;
        for (std::size_t j = 0; j < filter.weights.size(); ++j) sum += filter.weights[j] * spectrum[j];
        mel[m] = sum;
    }
}

}  // namespace m2ds
