#include "probe/FrameProbeData.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/ClipPooling.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "features/LayerEmbeddingExtractor.h"
#include "features/LogMelEmbeddings.h"
#include "labels/FrameLabeler.h"
#include "labels/SegmentLabels.h"
#include "probe/RecordingLayerFrames.h"

namespace m2ds {
namespace {

/// Rows gathered before rare labels are dropped: per model and layer the frames, and per frame its label id,
/// recording and baseline.
struct GatheredFrames {
    std::vector<std::vector<std::vector<float>>> models;  ///< [model][layer] rows of dimension floats
    std::vector<std::int32_t> labels;
    std::vector<int> groups;
    std::vector<float> baseline;                          ///< rows of 160 floats
};

/// Mean+std of the log-mel frames inside model frame t (at `rate` frames/s; the log-mel runs at its own rate).
std::vector<float> baselineOf(const RecordingLayerFrames& logMel, double logMelRate, std::size_t t, double rate) {
    const std::size_t last = logMel.frames == 0 ? 0 : logMel.frames - 1;
    const std::size_t begin = std::min(last, std::size_t(std::floor(double(t) * logMelRate / rate)));
    const std::size_t end = std::min(logMel.frames, std::max(begin + 1, std::size_t(std::floor(double(t + 1) * logMelRate / rate))));
    ClipPooling pooling(ClipPoolingKind::MeanStd, logMel.dimension);
    pooling.add(logMel.row(0, begin), end - begin);
    return pooling.result();
}

RowMatrix matrixOf(const std::vector<float>& rows, std::size_t dim, const std::vector<std::size_t>& keep) {
    RowMatrix matrix{keep.size(), dim, {}};
    matrix.values.reserve(keep.size() * dim);
    for (std::size_t r : keep) matrix.values.insert(matrix.values.end(), rows.begin() + std::ptrdiff_t(r * dim), rows.begin() + std::ptrdiff_t((r + 1) * dim));
    return matrix;
}

}  // namespace

FrameProbeData FrameProbeData::gather(const std::vector<std::string>& recordings, const SegmentLabels& labels, const std::vector<ProbedModel>& models,
                                      std::size_t maxFrames, std::size_t minimumPerLabel, const ProgressMonitor& progress) {
    std::vector<const LayerEmbeddingExtractor*> extractors;
    for (const ProbedModel& model : models) extractors.push_back(model.extractor);
    requireOneFrameRate(extractors, "frame probe");
    const double rate = extractors.front()->framesPerSecond();
    const LogMelEmbeddings logMel;
    FrameLabeler labeler;
    FrameProbeData data;
    GatheredFrames gathered;
    gathered.models.resize(models.size());
    for (std::size_t m = 0; m < models.size(); ++m) gathered.models[m].resize(extractors[m]->layers().size());
    std::size_t labelledRecordings = 0;
    for (const std::string& recording : recordings) labelledRecordings += labels.find(recording) ? 1 : 0;
    const std::size_t perFile = std::max<std::size_t>(1, maxFrames / std::max<std::size_t>(1, labelledRecordings));
    for (std::size_t f = 0; f < recordings.size(); ++f) {
        const ProgressMonitor slice = progress.slice(double(f) / double(recordings.size()), double(f + 1) / double(recordings.size()));
        const std::vector<LabelledSegment>* segments = labels.find(recordings[f]);
        if (!segments) {
            data.skipped.push_back(recordings[f] + ": no labelled segments in " + labels.origin());
            continue;
        }
        std::vector<RecordingLayerFrames> frames;
        RecordingLayerFrames melFrames;
        try {
            for (const LayerEmbeddingExtractor* extractor : extractors) frames.push_back(RecordingLayerFrames::of(*extractor, recordings[f], &slice));
            melFrames = RecordingLayerFrames::of(logMel, recordings[f], &slice);
        } catch (const InputError& error) {
            data.skipped.push_back(error.what());
            continue;
        }
        std::size_t count = frames.front().frames;
        for (const RecordingLayerFrames& model : frames) count = std::min(count, model.frames);
        const std::vector<std::int32_t> ids = labeler.label(*segments, count, rate);
        std::vector<std::size_t> labelled;
        for (std::size_t t = 0; t < count; ++t)
            if (ids[t] != FrameLabeler::kUnlabelled) labelled.push_back(t);
        if (labelled.empty() || melFrames.frames == 0) {
            data.skipped.push_back(recordings[f] + ": no frame inside a labelled segment");
            continue;
        }
        const int group = int(data.files.size());
        data.files.push_back(recordings[f]);
        for (std::size_t i : spreadIndices(labelled.size(), perFile)) {
            const std::size_t t = labelled[i];
            for (std::size_t m = 0; m < frames.size(); ++m)
                for (std::size_t l = 0; l < frames[m].layers.size(); ++l)
                    gathered.models[m][l].insert(gathered.models[m][l].end(), frames[m].row(l, t), frames[m].row(l, t) + frames[m].dimension);
            gathered.labels.push_back(ids[t]);
            gathered.groups.push_back(group);
            const std::vector<float> baseline = baselineOf(melFrames, logMel.framesPerSecond(), t, rate);
            gathered.baseline.insert(gathered.baseline.end(), baseline.begin(), baseline.end());
        }
    }
    if (gathered.labels.empty())
        throw InputError(labels.origin(), "no recording gave frames inside its labelled segments (" + std::to_string(data.skipped.size()) + " skipped)");

    std::map<std::string, std::size_t> counts;
    for (std::int32_t id : gathered.labels) ++counts[labeler.names()[std::size_t(id)]];
    std::map<std::string, int> kept;
    for (const auto& [name, count] : counts) {
        if (count >= minimumPerLabel) kept.emplace(name, 0);
        else data.droppedLabels.push_back(name);
    }
    if (kept.size() < 2)
        throw InputError(labels.origin(), "fewer than two labels have " + std::to_string(minimumPerLabel) + " frames or more: a probe needs two");
    for (auto& [name, index] : kept) {
        index = int(data.examples.labelNames.size());
        data.examples.labelNames.push_back(name);
    }
    std::vector<std::size_t> keep;
    for (std::size_t r = 0; r < gathered.labels.size(); ++r) {
        const auto found = kept.find(labeler.names()[std::size_t(gathered.labels[r])]);
        if (found == kept.end()) continue;
        keep.push_back(r);
        data.examples.labels.push_back(found->second);
        data.examples.groups.push_back(gathered.groups[r]);
    }
    data.examples.baseline = matrixOf(gathered.baseline, 2 * logMel.dimension(), keep);
    for (std::size_t m = 0; m < models.size(); ++m) {
        ProbeEmbeddings model{models[m].checkpoint, extractors[m]->identity(), extractors[m]->layers(), {}};
        for (const std::vector<float>& layer : gathered.models[m]) model.layers.push_back(matrixOf(layer, extractors[m]->dimension(), keep));
        data.models.push_back(std::move(model));
    }
    progress.report(1.0);
    return data;
}

}  // namespace m2ds
