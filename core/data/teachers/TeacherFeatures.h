#pragma once
#include <string>

#include "audio/LogMelSpectrogram.h"
#include "common/FloatArray.h"

namespace m2ds {

/// A source of denoising-distillation targets (spec 3.1): features of the CLEAN speech at 50 Hz (one frame per
/// two log-mel frames), regressed by the offline head.
class TeacherFeatures {
public:
    virtual ~TeacherFeatures() = default;
    /// Recorded in every checkpoint: "mfcc40", "npy", "model:<checkpoint>:<layer>".
    virtual std::string kind() const = 0;
    /// Features for a recording: its path (for per-file targets), and the raw log-mel [80, T] of the padded wave.
    /// Returns [frames, D] float32 with frames = T / 2 unless the source dictates otherwise. Thread-safe.
    virtual FloatArray compute(const std::string& recordingPath, const LogMelSpectrogram& logMel) const = 0;
};

}  // namespace m2ds
