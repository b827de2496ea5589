#include "audio/RecordingAnalyser.h"

#include "audio/WaveformLoader.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"

namespace m2ds {

RecordingAnalyser::RecordingAnalyser(const FrontEndConfig& config, int threads) : frontEnd_(config), threads_(threads) {}

AnalysedRecording RecordingAnalyser::analyse(const std::string& path, const ProgressMonitor* monitor) const {
    const FrontEndConfig& config = frontEnd_.config();
    AnalysedRecording result;
    const ProgressMonitor decoding = monitor ? monitor->slice(0.0, 0.6) : ProgressMonitor();
    result.waveform = WaveformLoader(config.sampleRate).load(path, &decoding);
    const std::size_t samples = result.waveform.samples.size();
    if (samples < static_cast<std::size_t>(config.minimumSamples()))
        throw InputError(path, "too short: " + std::to_string(samples) + " samples at " + std::to_string(config.sampleRate) +
                                   " Hz, one log-mel frame needs at least " + std::to_string(config.minimumSamples()));
    const ProgressMonitor computing = monitor ? monitor->slice(0.6, 1.0) : ProgressMonitor();
    result.logMel = frontEnd_.compute(result.waveform.samples.data(), samples, threads_, &computing);
    return result;
}

}  // namespace m2ds
