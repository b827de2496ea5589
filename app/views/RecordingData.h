#pragma once
// What the ui layer gets for one recording: plain buffers and labels, no core or torch types.
#include <QString>
#include <memory>
#include <vector>

#include "views/MinMaxPyramid.h"

namespace m2ds {

/// A decoded recording and its M2D log-mel, ready to draw and play. Immutable once shared.
struct RecordingData {
    QString path;
    QString sourceDescription;        ///< e.g. "FLAC, 44100 Hz, 2 channels → down-mixed, resampled to 16 kHz"
    int sampleRate = 16000;           ///< Hz of `samples`
    std::vector<float> samples;       ///< mono, full scale ±1
    int melCount = 0;
    std::size_t frameCount = 0;
    double framesPerSecond = 100.0;   ///< Hz; frame t is centred at t / framesPerSecond s
    std::vector<float> logMel;        ///< [melCount, frameCount] row-major, ln(power + eps)
    std::vector<double> melCentreHz;  ///< centre frequency of each mel band, Hz
    /// Min/max summaries over `samples` (1 row) and `logMel` (melCount rows), built off the GUI thread by
    /// summarise() so that drawing any zoom level costs time per screen column, not per sample.
    std::unique_ptr<const MinMaxPyramid> samplesSummary;
    std::unique_ptr<const MinMaxPyramid> logMelSummary;

    /// Builds the two summaries; call once, after the buffers are final (the summaries point into them).
    void summarise() {
        samplesSummary = std::make_unique<MinMaxPyramid>(samples.data(), 1, samples.size());
        logMelSummary = std::make_unique<MinMaxPyramid>(logMel.data(), melCount, frameCount);
    }

    double durationSeconds() const { return sampleRate > 0 ? double(samples.size()) / sampleRate : 0.0; }
    float logMelAt(int mel, std::size_t frame) const { return logMel[std::size_t(mel) * frameCount + frame]; }
};

using RecordingDataPtr = std::shared_ptr<const RecordingData>;

}  // namespace m2ds
