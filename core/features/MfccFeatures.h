#pragma once
#include "audio/KaldiMfcc.h"
#include "audio/WaveformLoader.h"
#include "features/FrameFeatureExtractor.h"

namespace m2ds {

/// fairseq's `dump_mfcc` features of a recording (HuBERT's first-iteration k-means input): the file at 16 kHz mono,
/// then KaldiMfcc: 13 MFCCs + Δ + ΔΔ, [T, 39] at 100 Hz.
class MfccFeatures : public FrameFeatureExtractor {
public:
    /// threads: MFCC threads (0 = all).
    explicit MfccFeatures(int threads = 0);

    std::size_t dimension() const override;
    double framesPerSecond() const override;
    std::string identity() const override;
    FloatArray extract(const std::string& path, const ProgressMonitor* monitor) const override;

private:
    WaveformLoader loader_;
    KaldiMfcc mfcc_;
    int threads_;
};

}  // namespace m2ds
