#include "analysis/RecordingEmbeddings.h"

#include "audio/RecordingAnalyser.h"
#include "common/ProgressMonitor.h"
#include "model/M2dsModel.h"

namespace m2ds {

RecordingEmbeddings::RecordingEmbeddings(const M2dsModel& model, std::vector<int> layers, int threads)
    : model_(model), layers_(std::move(layers)), threads_(threads) {}

double RecordingEmbeddings::frameSeconds() const {
    const FrontEndConfig frontEnd;
    return double(model_.config().patchTime) * frontEnd.hopLength / frontEnd.sampleRate;
}

std::size_t RecordingEmbeddings::extract(const std::string& path, const FrameEmbeddingSink& sink, const ProgressMonitor* monitor) const {
    const ProgressMonitor decoding = monitor ? monitor->slice(0.0, 0.3) : ProgressMonitor();
    AnalysedRecording recording = RecordingAnalyser({}, threads_).analyse(path, &decoding);
    recording.waveform.samples = {};
    LogMelSpectrogram& logMel = recording.logMel;
    logMel.normalise(model_.config().normMean, model_.config().normStd);
    const FloatArray input{{std::size_t(logMel.melCount), logMel.frameCount}, std::move(logMel.values)};
    const std::size_t total = model_.embeddingFrames(input.shape[1]);
    model_.extract(input, layers_, [&](std::size_t first, const std::vector<FloatArray>& part) {
        sink(first, total, part);
        if (monitor) monitor->slice(0.3, 1.0).report(double(first + part.front().shape[0]) / double(total));
    });
    return total;
}

}  // namespace m2ds
