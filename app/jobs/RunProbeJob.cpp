#include "jobs/RunProbeJob.h"

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

RunProbeData runProbeData(const ProbeReport& report, const ClipProbeData& first, std::vector<int> layers, std::vector<RunCheckpoint> checkpoints,
                          const QString& folder) {
    const ProbeResultsData results = probeResultsData(report);
    RunProbeData data;
    data.runFolder = folder;
    data.checkpoints = std::move(checkpoints);
    data.layers = std::move(layers);
    for (const ProbeModelCurve& model : results.models)
        for (const ProbeLayerPoint& point : model.layers) data.scores.push_back(point.score);
    data.baseline = results.baseline;
    data.labelNames = results.labelNames;
    data.recordings = int(first.files.size());
    data.skipped = int(first.skipped.size());
    return data;
}

}  // namespace

RunProbeJob::RunProbeJob(std::vector<RunCheckpoint> checkpoints, QString presetsDirectory, QString device, QString cacheDirectory,
                         RunProbeRequest request)
    : checkpoints_(std::move(checkpoints)), presetsDirectory_(std::move(presetsDirectory)), device_(std::move(device)),
      cacheDirectory_(std::move(cacheDirectory)), request_(std::move(request)) {}

RunProbeData RunProbeJob::operator()(const ProgressMonitor& monitor) const {
    if (checkpoints_.empty()) throw InputError(request_.runFolder.toStdString(), "no checkpoint-*.safetensors in this folder yet");
    const ProbeRequest& probe = request_.probe;
    const LabelledSet set = LabelledSet::open(probe.labelSource.toStdString(), probe.pathPattern.toStdString(), probe.groupColumn.toStdString());
    const ClipEmbeddingCache cache(cacheDirectory_.toStdString());
    const double gatherShare = 0.6, step = gatherShare / double(checkpoints_.size());
    std::optional<ClipProbeData> first;  // its examples and recordings, which every checkpoint shares
    std::vector<ProbeEmbeddings> models;
    for (std::size_t i = 0; i < checkpoints_.size(); ++i) {
        const QString& path = checkpoints_[i].path;
        ClipProbeData data = gatherCheckpoint(path, presetsDirectory_, device_, request_, set, cache, monitor.slice(step * double(i), step * double(i + 1)));
        if (first) checkSameExamples(*first, models.front().layerIds, data, path);
        models.push_back(std::move(data.models.front()));
        data.models.clear();
        if (!first) first = std::move(data);
    }
    ProbeSettings settings;
    settings.folds = probe.folds;
    settings.device = device_.toStdString();
    const ProgressMonitor probeMonitor = monitor.slice(gatherShare, 1.0);
    const ProbeReport report = ProbeExperiment::run(first->examples, models, settings, &probeMonitor);
    monitor.report(1.0);
    return runProbeData(report, *first, models.front().layerIds, checkpoints_, request_.runFolder);
}

}  // namespace m2ds
