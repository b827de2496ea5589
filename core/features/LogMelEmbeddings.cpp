#include "features/LogMelEmbeddings.h"

#include <nlohmann/json.hpp>

#include "audio/RecordingAnalyser.h"

namespace m2ds {

LogMelEmbeddings::LogMelEmbeddings(Normalisation stats, int threads) : stats_(stats), threads_(threads) {}

std::size_t LogMelEmbeddings::dimension() const { return static_cast<std::size_t>(frontEnd_.melCount); }

double LogMelEmbeddings::framesPerSecond() const { return frontEnd_.framesPerSecond(); }

std::string LogMelEmbeddings::identity() const {
    return nlohmann::json{{"kind", "log_mel"}, {"mel_bands", frontEnd_.melCount}, {"sample_rate", frontEnd_.sampleRate},
                          {"hop", frontEnd_.hopLength}, {"n_fft", frontEnd_.nFft}, {"f_min", frontEnd_.fMinHz}, {"f_max", frontEnd_.fMaxHz},
                          {"norm_stats", {stats_.mean, stats_.std}}}
        .dump();
}

std::size_t LogMelEmbeddings::extract(const std::string& path, const LayerFramesSink& sink, const ProgressMonitor* monitor) const {
    AnalysedRecording recording = RecordingAnalyser(frontEnd_, threads_).analyse(path, monitor);
    LogMelSpectrogram& logMel = recording.logMel;
    logMel.normalise(stats_.mean, stats_.std);
    const std::size_t bands = std::size_t(logMel.melCount), frames = logMel.frameCount;
    FloatArray rows{{frames, bands}, std::vector<float>(frames * bands)};
    for (std::size_t band = 0; band < bands; ++band)
        for (std::size_t t = 0; t < frames; ++t) rows.values[t * bands + band] = logMel.values[band * frames + t];
    sink({rows});
    return frames;
}

}  // namespace m2ds
