#pragma once
#include <string>

#include "audio/AnalysedRecording.h"
#include "audio/LogMelFrontEnd.h"

namespace m2ds {

class ProgressMonitor;

/// File in, waveform and log-mel out: the path every caller (m2ds, the workbench) takes to look at a recording.
class RecordingAnalyser {
public:
    /// threads: for the front-end, 0 = all hardware threads.
    explicit RecordingAnalyser(const FrontEndConfig& config = {}, int threads = 0);

    /// Throws InputError naming the file when it cannot be used (including "too short for one frame").
    /// monitor (may be null) gets decoding as 0..0.6 and the front-end as 0.6..1.
    AnalysedRecording analyse(const std::string& path, const ProgressMonitor* monitor = nullptr) const;

    const LogMelFrontEnd& frontEnd() const { return frontEnd_; }

private:
    LogMelFrontEnd frontEnd_;
    int threads_;
};

}  // namespace m2ds
