#include "analysis/RecordingEmbeddings.h"

#include "audio/RecordingAnalyser.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "model/M2dsModel.h"

namespace m2ds {

RecordingEmbeddings::RecordingEmbeddings(const M2dsModel& model, std::vector<int> layers, int threads)
    : model_(model), layers_(std::move(layers)), threads_(threads) {}

double RecordingEmbeddings::frameSeconds() const {
    const FrontEndConfig frontEnd;
    return double(model_.config().patchTime) * frontEnd.hopLength / frontEnd.sampleRate;
}

FloatArray RecordingEmbeddings::normalisedLogMel(const std::string& path, const ProgressMonitor* monitor) const {
    const ProgressMonitor decoding = monitor ? monitor->slice(0.0, 0.3) : ProgressMonitor();
    AnalysedRecording recording = RecordingAnalyser({}, threads_).analyse(path, &decoding);
    recording.waveform.samples = {};
    LogMelSpectrogram& logMel = recording.logMel;
    logMel.normalise(model_.config().normMean, model_.config().normStd);
    return FloatArray{{std::size_t(logMel.melCount), logMel.frameCount}, std::move(logMel.values)};
}

std::size_t RecordingEmbeddings::encode(const FloatArray& logMel, const FrameEmbeddingSink& sink, const ProgressMonitor* monitor) const {
    const std::size_t total = model_.embeddingFrames(logMel.shape[1]);
    model_.extract(logMel, layers_, [&](std::size_t first, const std::vector<FloatArray>& part) {
        sink(first, total, part);
        if (monitor) monitor->slice(0.3, 1.0).report(double(first + part.front().shape[0]) / double(total));
    });
    return total;
}

std::size_t RecordingEmbeddings::extract(const std::string& path, const FrameEmbeddingSink& sink, const ProgressMonitor* monitor) const {
    return encode(normalisedLogMel(path, monitor), sink, monitor);
}

void RecordingEmbeddings::extractAll(const std::vector<std::string>& paths, const RecordingsSink& sink,
                                     const std::function<ProgressMonitor(std::size_t)>& monitorOf) const {
    const std::size_t perPass = model_.chunksPerPass(), inputFrames = std::size_t(model_.config().inputFrames);
    std::vector<std::size_t> together;  // recordings waiting to share a pass
    std::vector<FloatArray> logMels;
    std::vector<ProgressMonitor> monitors;
    std::size_t chunks = 0;
    const auto encodeTogether = [&] {
        if (together.empty()) return;
        const std::vector<std::vector<FloatArray>> embeddings = model_.extractTogether(logMels, layers_);
        for (std::size_t k = 0; k < together.size(); ++k) {
            sink.begin(together[k]);
            if (!embeddings[k].front().shape.empty()) sink.frames(0, embeddings[k].front().shape[0], embeddings[k]);
            sink.end(together[k]);
            monitors[k].report(1.0);
        }
        together.clear();
        logMels.clear();
        monitors.clear();
        chunks = 0;
    };
    for (std::size_t i = 0; i < paths.size(); ++i) {
        ProgressMonitor monitor = monitorOf(i);
        FloatArray logMel;
        try {
            logMel = normalisedLogMel(paths[i], &monitor);
        } catch (const InputError& error) {
            encodeTogether();  // the recordings before an unusable one are delivered first
            if (!sink.unusable) throw;
            sink.unusable(i, error);
            continue;
        }
        const std::size_t own = (logMel.shape[1] + inputFrames - 1) / inputFrames;
        if (perPass <= 1 || own >= perPass) {
            encodeTogether();
            sink.begin(i);
            encode(logMel, sink.frames, &monitor);
            sink.end(i);
            continue;
        }
        if (chunks + own > perPass) encodeTogether();
        together.push_back(i);
        logMels.push_back(std::move(logMel));
        monitors.push_back(monitor);
        chunks += own;
    }
    encodeTogether();
}

}  // namespace m2ds
