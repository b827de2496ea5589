#pragma once
#include <cstddef>
#include <vector>

#include "audio/KaldiMelBanks.h"
#include "audio/KaldiMfccSettings.h"
#include "audio/RealFft.h"
#include "common/FloatArray.h"

namespace m2ds {

class ProgressMonitor;
struct Waveform;

/// fairseq's dump_mfcc features (HuBERT's first-iteration k-means input): Kaldi-compatible MFCCs as
/// torchaudio.compliance.kaldi.mfcc computes them (snip_edges frames, DC removal, pre-emphasis, povey window,
/// 512-point power spectrum, Kaldi mel banks, log, DCT-II, lifter), then torchaudio compute_deltas twice.
/// Frames are computed in float64 and stored as float32. compute() is const and may run on several threads at once.
class KaldiMfcc {
public:
    /// Throws InvalidArgument for settings outside the ranges KaldiMfccSettings documents.
    explicit KaldiMfcc(const KaldiMfccSettings& settings = {});

    /// The settings this instance computes with.
    const KaldiMfccSettings& settings() const { return settings_; }
    /// Frames for `samples` input samples (snip_edges): 1 + (samples - 400) / 160, or 0 below 400 samples.
    std::size_t frameCount(std::size_t samples) const;
    /// Features of a waveform at settings().sampleRate (throws InvalidArgument for another rate); see the overload.
    FloatArray compute(const Waveform& waveform, int threads = 1, const ProgressMonitor* monitor = nullptr) const;
    /// Features of `count` mono float32 samples in [-1, 1] at settings().sampleRate: shape [T, 39] float32 row-major,
    /// T = frameCount(count), row t = 13 cepstra, 13 deltas, 13 delta-deltas of samples [160 t, 160 t + 400)
    /// (100 rows per second). Fewer than 400 samples give [0, 39] (torchaudio refuses such input).
    /// threads: 0 = all hardware threads. monitor may be null; throws CancelledError once it is cancelled.
    FloatArray compute(const float* samples, std::size_t count, int threads = 1,
                       const ProgressMonitor* monitor = nullptr) const;

private:
    class FrameWorker;

    void computeCepstra(const float* samples, FloatArray& features, int threads, const ProgressMonitor* monitor) const;

    KaldiMfccSettings settings_;
    RealFft fft_;
    KaldiMelBanks melBanks_;
    std::vector<double> window_;          // povey window, windowSamples() values
    std::vector<double> cepstralBasis_;   // [cepstralCount, melBinCount]: lifter[k] * DCT-II row k
};

}  // namespace m2ds
