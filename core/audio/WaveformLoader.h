#pragma once
#include <string>

#include "audio/Waveform.h"

namespace m2ds {

class AudioFile;
class ProgressMonitor;

/// Decodes a recording in blocks, averages channels to mono and resamples to the target rate as it goes,
/// so a long file never sits in memory decoded at its original rate and channel count.
class WaveformLoader {
public:
    /// targetRate in Hz (16000 for M2D-S).
    explicit WaveformLoader(int targetRate = 16000);

    /// Throws InputError naming the file for anything that makes it unusable: missing, not audio, no samples,
    /// non-finite samples, a decoding error. monitor may be null; it receives the fraction of the file decoded.
    Waveform load(const std::string& path, const ProgressMonitor* monitor = nullptr) const;
    /// As load(path), from a recording already opened (a file, or bytes in memory): read to its end; its
    /// info().path names it in errors.
    Waveform load(AudioFile& file, const ProgressMonitor* monitor = nullptr) const;

private:
    int targetRate_;
};

}  // namespace m2ds
