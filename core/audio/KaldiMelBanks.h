#pragma once
#include <vector>

namespace m2ds {

/// Kaldi's mel filterbank (torchaudio.compliance.kaldi.get_mel_banks without VTLN): triangles that are linear on
/// the HTK mel scale 1127 ln(1 + f / 700), equally spaced in mel between lowHz and highHz, peak 1, no area
/// normalisation, over the FFT bins below Nyquist (the Nyquist bin always gets weight 0). Unlike MelFilterbank
/// (Slaney scale, triangles linear in Hz, area-normalised). Weights are float64; apply() is thread-safe.
class KaldiMelBanks {
public:
    /// sampleRate in Hz; fftSize even, in samples; 0 <= lowHz < highHz <= sampleRate / 2, in Hz; binCount > 3.
    /// Throws InvalidArgument otherwise.
    KaldiMelBanks(double sampleRate, int fftSize, int binCount, double lowHz, double highHz);

    /// Number of filters (mel bins).
    int binCount() const { return static_cast<int>(filters_.size()); }
    /// Number of power-spectrum values apply() reads: fftSize / 2 + 1.
    int spectrumSize() const { return spectrumSize_; }
    /// Weight of FFT bin `fftBin` (0 .. spectrumSize() - 1) in filter `bin`, unitless in [0, 1].
    double weight(int bin, int fftBin) const;
    /// mel[m] = sum_k weight(m, k) * power[k]; power holds spectrumSize() values, mel receives binCount() values.
    void apply(const double* power, double* mel) const;

    /// HTK mel of a frequency in Hz: 1127 ln(1 + hz / 700).
    static double hzToMel(double hz);
    /// Inverse of hzToMel, in Hz.
    static double melToHz(double mel);

private:
    struct Filter {
        int firstFftBin = 0;           // first bin with a non-zero weight
        std::vector<double> weights;   // weights of bins firstFftBin, firstFftBin + 1, ...
    };

    int spectrumSize_;
    std::vector<Filter> filters_;
};

}  // namespace m2ds
