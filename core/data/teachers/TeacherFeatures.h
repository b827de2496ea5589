#pragma once
#include <string>
#include <vector>

#include "audio/LogMelSpectrogram.h"
#include "common/FloatArray.h"

namespace m2ds {

/// What a teacher is given of one speech recording, as CorpusPreparer prepares it.
struct TeacherInput {
    const std::string& recordingPath;  ///< for per-file targets and messages
    const std::vector<float>& wave;    ///< 16 kHz mono float32 samples, zero-padded at the end to the preparation's minimum (7 s)
    const LogMelSpectrogram& logMel;   ///< raw log-mel [80, T] of that padded wave
};

/// A source of denoising-distillation targets (spec 3.1): features of the CLEAN speech at 50 Hz (one frame per
/// two log-mel frames), regressed by the offline head.
class TeacherFeatures {
public:
    virtual ~TeacherFeatures() = default;
    /// Recorded in every checkpoint: "mfcc40", "npy", "model:<checkpoint>:<layer>", "hubert:<folder>:<layer>".
    virtual std::string kind() const = 0;
    /// Features of one recording (its path, padded wave and log-mel). Returns [frames, D] float32 at 50 Hz, frames =
    /// T / 2 unless the source dictates otherwise (a HuBERT teacher: its conv encoder's frames). Thread-safe.
    virtual FloatArray compute(const TeacherInput& input) const = 0;
    /// compute() of several recordings, index-aligned with `inputs`; a batching teacher runs them in padded batches
    /// (same results up to float rounding), the others one by one. Thread-safe.
    virtual std::vector<FloatArray> computeBatch(const std::vector<TeacherInput>& inputs) const;
    /// Recordings one computeBatch() pass takes; 1: the teacher gains nothing from batches (give it one at a time).
    virtual std::size_t batchSize() const { return 1; }
};

}  // namespace m2ds
