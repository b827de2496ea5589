#pragma once
#include <vector>

namespace m2ds {

/// Triangular mel filters on the Slaney mel scale with Slaney area normalisation (librosa htk=False, norm=1;
/// torchaudio mel_scale="slaney", norm="slaney"), as nnAudio builds them for M2D.
class MelFilterbank {
public:
    /// sampleRate in Hz, nFft samples, fMin/fMax in Hz; bins = nFft/2 + 1.
    MelFilterbank(int sampleRate, int nFft, int melCount, double fMinHz, double fMaxHz);

    int melCount() const { return melCount_; }
    int binCount() const { return binCount_; }
    /// All weights, [melCount, binCount] row-major float64.
    const std::vector<double>& weights() const { return weights_; }
    /// mel[m] = sum_k weights[m][k] * power[k]; power has binCount values, mel gets melCount values.
    void apply(const double* power, double* mel) const;
    /// Centre frequency in Hz of filter m (its triangle's peak).
    double centreHz(int mel) const { return edgesHz_[mel + 1]; }

    /// Slaney mel scale: linear below 1 kHz, logarithmic above.
    static double hzToMel(double hz);
    static double melToHz(double mel);

private:
    int melCount_;
    int binCount_;
    std::vector<double> edgesHz_;   // melCount + 2 band edges
    std::vector<double> weights_;   // dense [melCount, binCount]
    std::vector<int> firstBin_;     // first non-zero bin per filter
    std::vector<int> endBin_;       // one past the last non-zero bin per filter
};

}  // namespace m2ds
