#include "jobs/RunProbeJob.h"

#include <algorithm>
#include <optional>

#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "features/ClipEmbeddingCache.h"
#include "features/LayerEmbeddingExtractor.h"
#include "features/LayerEmbeddingModel.h"
#include "jobs/ModelLoadJob.h"
#include "jobs/ProbeResultsConversion.h"
#include "labels/LabelledSet.h"
#include "probe/ClipProbeData.h"
#include "probe/ProbeExperiment.h"

namespace m2ds {
namespace {

/// What one ProbeExperiment gave for some checkpoints: per checkpoint the scores of each layer, and what they share.
struct ProbedCheckpoints {
    std::vector<int> layers;
    std::vector<std::vector<ProbeScoreValue>> columns;
    ProbeScoreValue baseline;
    QStringList labelNames;
    QStringList files;
    int skipped = 0;
};

/// The clip embeddings of one checkpoint (and the examples) on `set`; the model is freed on return.
ClipProbeData gatherCheckpoint(const QString& path, const QString& presets, const QString& device, const RunProbeRequest& request,
                               const LabelledSet& set, const ClipEmbeddingCache& cache, const ProgressMonitor& monitor) {
    const LayerEmbeddingModel model = LayerEmbeddingModel::ofM2ds(ModelLoadJob(path, presets, device)(monitor.slice(0.0, 0.1)).model,
                                                                  path.toStdString(), request.probe.layers.toStdString());
    return ClipProbeData::gather(set, {{model.path, model.extractor.get()}}, parseClipPooling(request.probe.pooling.toStdString()), cache,
                                 monitor.slice(0.1, 1.0));
}

/// The recordings and layers of the first checkpoint, which every later one must share.
void checkSameExamples(const ClipProbeData& first, const std::vector<int>& firstLayers, const ClipProbeData& data, const QString& path) {
    if (data.files != first.files)
        throw InputError(path.toStdString(), "its recordings differ from the first checkpoint's (a recording became unreadable)");
    if (data.models.front().layerIds != firstLayers) throw InputError(path.toStdString(), "its layers differ from the first checkpoint's");
}

ProbedCheckpoints probedCheckpoints(const ProbeReport& report, const ClipProbeData& first, std::vector<int> layers) {
    const ProbeResultsData results = probeResultsData(report);
    ProbedCheckpoints probed;
    probed.layers = std::move(layers);
    for (const ProbeModelCurve& model : results.models) {
        probed.columns.emplace_back();
        for (const ProbeLayerPoint& point : model.layers) probed.columns.back().push_back(point.score);
    }
    probed.baseline = results.baseline;
    probed.labelNames = results.labelNames;
    for (const std::string& file : first.files) probed.files << QString::fromStdString(file);
    probed.skipped = int(first.skipped.size());
    return probed;
}

/// Opens `checkpoints` one after the other, gathers their embeddings and probes them all on one set of folds.
ProbedCheckpoints probeCheckpoints(const std::vector<RunCheckpoint>& checkpoints, const QString& presets, const QString& device,
                                   const QString& cacheDirectory, const RunProbeRequest& request, const ProgressMonitor& monitor) {
    const ProbeRequest& probe = request.probe;
    const LabelledSet set = LabelledSet::open(probe.labelSource.toStdString(), probe.pathPattern.toStdString(), probe.groupColumn.toStdString());
    const ClipEmbeddingCache cache(cacheDirectory.toStdString());
    const double gatherShare = 0.6, step = gatherShare / double(checkpoints.size());
    std::optional<ClipProbeData> first;  // its examples and recordings, which every checkpoint shares
    std::vector<ProbeEmbeddings> models;
    for (std::size_t i = 0; i < checkpoints.size(); ++i) {
        const QString& path = checkpoints[i].path;
        ClipProbeData data = gatherCheckpoint(path, presets, device, request, set, cache, monitor.slice(step * double(i), step * double(i + 1)));
        if (first) checkSameExamples(*first, models.front().layerIds, data, path);
        models.push_back(std::move(data.models.front()));
        data.models.clear();
        if (!first) first = std::move(data);
    }
    ProbeSettings settings;
    settings.folds = probe.folds;
    settings.device = device.toStdString();
    const ProgressMonitor probeMonitor = monitor.slice(gatherShare, 1.0);
    const ProbeReport report = ProbeExperiment::run(first->examples, models, settings, &probeMonitor);
    monitor.report(1.0);
    return probedCheckpoints(report, *first, models.front().layerIds);
}

}  // namespace

RunProbeJob::RunProbeJob(std::vector<RunCheckpoint> checkpoints, QString presetsDirectory, QString device, QString cacheDirectory,
                         RunProbeRequest request, RunProbeDataPtr previous)
    : checkpoints_(std::move(checkpoints)), presetsDirectory_(std::move(presetsDirectory)), device_(std::move(device)),
      cacheDirectory_(std::move(cacheDirectory)), request_(std::move(request)), previous_(std::move(previous)) {}

std::vector<int> RunProbeJob::keptColumns() const {
    std::vector<int> kept(checkpoints_.size(), -1);
    if (!previous_) return kept;
    for (std::size_t i = 0; i < checkpoints_.size(); ++i) {
        const auto& before = previous_->checkpoints;
        const auto same = std::find_if(before.begin(), before.end(), [&](const RunCheckpoint& c) { return c.sameFile(checkpoints_[i]); });
        if (same != before.end()) kept[i] = int(same - before.begin());
    }
    return kept;
}

RunProbeData RunProbeJob::operator()(const ProgressMonitor& monitor) const {
    if (checkpoints_.empty()) throw InputError(request_.runFolder.toStdString(), "no checkpoint-*.safetensors in this folder yet");
    std::vector<int> kept = keptColumns();
    std::vector<RunCheckpoint> toProbe;
    for (std::size_t i = 0; i < checkpoints_.size(); ++i)
        if (kept[i] < 0) toProbe.push_back(checkpoints_[i]);
    ProbedCheckpoints probed;
    if (!toProbe.empty()) {
        probed = probeCheckpoints(toProbe, presetsDirectory_, device_, cacheDirectory_, request_, monitor);
        if (previous_ && toProbe.size() < checkpoints_.size() && (probed.files != previous_->files || probed.layers != previous_->layers)) {
            std::fill(kept.begin(), kept.end(), -1);  // the set's recordings changed since: the kept scores no longer compare
            probed = probeCheckpoints(checkpoints_, presetsDirectory_, device_, cacheDirectory_, request_, monitor);
        }
    }
    const bool allKept = toProbe.empty();
    RunProbeData data;
    data.runFolder = request_.runFolder;
    data.checkpoints = checkpoints_;
    data.layers = allKept ? previous_->layers : probed.layers;
    data.baseline = allKept ? previous_->baseline : probed.baseline;
    data.labelNames = allKept ? previous_->labelNames : probed.labelNames;
    data.files = allKept ? previous_->files : probed.files;
    data.recordings = int(data.files.size());
    data.skipped = allKept ? previous_->skipped : probed.skipped;
    std::size_t next = 0;
    for (std::size_t i = 0; i < checkpoints_.size(); ++i) {
        if (kept[i] >= 0) {
            for (std::size_t row = 0; row < data.layers.size(); ++row) data.scores.push_back(previous_->at(kept[i], int(row)));
        } else {
            data.scores.insert(data.scores.end(), probed.columns[next].begin(), probed.columns[next].end());
            ++next;
        }
    }
    data.probed = int(next);
    return data;
}

}  // namespace m2ds
