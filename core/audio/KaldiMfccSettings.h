#pragma once

namespace m2ds {

/// Settings of KaldiMfcc. The defaults are what fairseq's HuBERT recipe (examples/hubert/simple_kmeans/
/// dump_mfcc_feature.py) gets from torchaudio.compliance.kaldi.mfcc(sample_frequency=16000, use_energy=False):
/// povey window, snip_edges, no dither (torchaudio's default since 0.5), 13 cepstra with C0 (not the log energy).
/// Fixed, not settable: the povey window, snip_edges = true, dither = 0, use_energy = false, no VTLN.
struct KaldiMfccSettings {
    int sampleRate = 16000;               ///< Hz, of the input waveform
    double frameLengthMs = 25.0;          ///< window length in ms (400 samples at 16 kHz)
    double frameShiftMs = 10.0;           ///< hop in ms (160 samples, 100 frames per second)
    bool removeDcOffset = true;           ///< subtract each frame's mean first
    double preemphasisCoefficient = 0.97; ///< x[j] -= c * x[j - 1], and x[0] -= c * x[0]; in [0, 1]
    bool roundToPowerOfTwo = true;        ///< zero-pad the window to the next power of two (512) for the FFT
    int melBinCount = 23;                 ///< triangular filters on the HTK mel scale
    double lowFreqHz = 20.0;              ///< lower edge of the first filter
    double highFreqHz = 0.0;              ///< upper edge of the last filter; <= 0 means Nyquist + highFreqHz
    int cepstralCount = 13;               ///< cepstra kept, C0 included; at most melBinCount
    double cepstralLifter = 22.0;         ///< Q of the lifter 1 + Q/2 sin(pi k / Q); 0 = no liftering
    int deltaWindow = 5;                  ///< frames of the delta regression (torchaudio compute_deltas); odd, >= 3

    /// Window length in samples, truncated as torchaudio does: int(rate * ms * 0.001).
    int windowSamples() const { return static_cast<int>(sampleRate * frameLengthMs * 0.001); }
    /// Hop in samples, truncated the same way.
    int shiftSamples() const { return static_cast<int>(sampleRate * frameShiftMs * 0.001); }
    /// FFT length in samples: windowSamples() or the next power of two at or above it.
    int fftSize() const {
        int size = 1;
        while (size < windowSamples()) size *= 2;
        return roundToPowerOfTwo ? size : windowSamples();
    }
    /// Values per output frame: cepstra, their deltas and delta-deltas (39 for the defaults).
    int featureDimension() const { return 3 * cepstralCount; }
};

}  // namespace m2ds
