#include "jobs/ProbeJob.h"

#include <algorithm>

#include "analysis/PrincipalComponents.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "features/ClipEmbeddingCache.h"
#include "features/LayerEmbeddingModel.h"
#include "features/LogMelEmbeddings.h"
#include "jobs/ModelLoadJob.h"
#include "jobs/ProbeResultsConversion.h"
#include "labels/LabelledSet.h"
#include "model/M2dsModel.h"
#include "probe/ClipProbeData.h"
#include "probe/LinearCka.h"
#include "probe/ProbeExperiment.h"

namespace m2ds {
namespace {

std::vector<std::string> pathsOf(const LabelledSet& set) {
    std::vector<std::string> paths;
    for (const LabelledFile& file : set.files()) paths.push_back(file.path);
    return paths;
}

/// The first two principal components of `layer` (the rows of `files`, labelled by `labels`).
ProbeProjection projectionOf(const RowMatrix& layer, const std::vector<std::string>& files, const std::vector<int>& labels) {
    ProbeProjection projection;
    const PrincipalComponents pca = PrincipalComponents::fit(layer, int(std::min<std::size_t>(2, layer.cols)));
    const RowMatrix points = pca.project(layer);
    for (int c = 0; c < pca.components(); ++c)
        projection.explained[c] = pca.totalVariance() > 0.0 ? pca.variances()[std::size_t(c)] / pca.totalVariance() : 0.0;
    for (std::size_t i = 0; i < points.rows; ++i)
        projection.points.push_back({points.row(i)[0], points.cols > 1 ? points.row(i)[1] : 0.0, labels[i], QString::fromStdString(files[i]), -1});
    return projection;
}

std::vector<LayerEmbeddingModel> openModels(const std::shared_ptr<const M2dsModel>& loaded, const QString& loadedPath, const QString& presets,
                                    const ProbeRequest& request, const ProgressMonitor& monitor) {
    const std::string layers = request.layers.toStdString();
    std::vector<LayerEmbeddingModel> models;
    if (loaded) models.push_back(LayerEmbeddingModel::ofM2ds(loaded, loadedPath.toStdString(), layers));
    for (const QString& path : request.extraModels) {
        monitor.throwIfCancelled();
        if (LayerEmbeddingModel::isHubertFolder(path.toStdString()))
            models.push_back(LayerEmbeddingModel::ofHubertFolder(path.toStdString(), layers, loaded ? loaded->device() : "cpu"));
        else
            models.push_back(LayerEmbeddingModel::ofM2ds(ModelLoadJob(path, presets)(monitor).model, path.toStdString(), layers));
    }
    if (models.empty()) throw InvalidArgument("probe: no model to probe: load one, or add a checkpoint or HuBERT folder");
    return models;
}

LabelledSet openSet(const ProbeRequest& request) {
    return LabelledSet::open(request.labelSource.toStdString(), request.pathPattern.toStdString(), request.groupColumn.toStdString());
}

/// CKA of the first model's layers (against the second model's when there is one) and the PCA of its best layer.
void addLayerViews(ProbeResultsData& results, const std::vector<ProbeEmbeddings>& embeddings, int bestLayer, const std::vector<std::string>& files,
                   const std::vector<int>& labels, const ProgressMonitor& monitor) {
    const ProbeEmbeddings& first = embeddings.front();
    const std::size_t other = embeddings.size() > 1 ? 1 : 0;
    results.similarity = probeSimilarity(results.models.front().name, results.models[other].name, first.layerIds, embeddings[other].layerIds,
                                         LinearCka::matrix(first.layers, embeddings[other].layers, &monitor));
    const auto best = std::find(first.layerIds.begin(), first.layerIds.end(), bestLayer);
    results.projection = projectionOf(first.layers[std::size_t(best - first.layerIds.begin())], files, labels);
    results.projection.model = results.models.front().name;
    results.projection.layer = bestLayer;
}

}  // namespace

ProbeJob::ProbeJob(std::shared_ptr<const M2dsModel> loaded, QString loadedPath, QString presetsDirectory, QString device, QString cacheDirectory,
                   ProbeRequest request)
    : loaded_(std::move(loaded)), loadedPath_(std::move(loadedPath)), presetsDirectory_(std::move(presetsDirectory)), device_(std::move(device)),
      cacheDirectory_(std::move(cacheDirectory)), request_(std::move(request)) {}

ProbeEstimateData ProbeJob::estimate(const ProgressMonitor& monitor) const {
    const LabelledSet set = openSet(request_);
    const ClipPoolingKind pooling = parseClipPooling(request_.pooling.toStdString());
    const std::vector<LayerEmbeddingModel> models = openModels(loaded_, loadedPath_, presetsDirectory_, request_, monitor);
    const std::vector<std::string> files = pathsOf(set);
    const ClipEmbeddingCache cache(cacheDirectory_.toStdString());
    ProbeEstimateData estimate;
    estimate.recordings = int(files.size());
    estimate.cached = estimate.recordings;
    const LogMelEmbeddings baseline;
    const auto add = [&](const LayerEmbeddingExtractor& extractor, ClipPoolingKind kind, bool model) {
        const ClipEmbeddingEstimate e = cache.estimate(files, extractor, kind);
        const std::size_t usable = e.cached + e.missing;
        estimate.cached = std::min(estimate.cached, int(e.cached));
        estimate.bytes += usable > 0 ? double(e.resultBytes) * double(e.missing) / double(usable) : 0.0;
        if (model) estimate.audioSeconds += e.missingSeconds;  // the log-mel baseline costs next to nothing
    };
    add(baseline, ClipPoolingKind::MeanStd, false);
    for (const LayerEmbeddingModel& model : models) add(*model.extractor, pooling, true);
    for (const std::string& name : set.labelNames()) estimate.labelNames << QString::fromStdString(name);
    return estimate;
}

ProbeOutcome ProbeJob::run(const ProgressMonitor& monitor) const {
    const LabelledSet set = openSet(request_);
    const std::vector<LayerEmbeddingModel> opened = openModels(loaded_, loadedPath_, presetsDirectory_, request_, monitor.slice(0.0, 0.05));
    std::vector<ProbedModel> models;
    for (const LayerEmbeddingModel& model : opened) models.push_back({model.path, model.extractor.get()});
    const ClipProbeData data = ClipProbeData::gather(set, models, parseClipPooling(request_.pooling.toStdString()),
                                                     ClipEmbeddingCache(cacheDirectory_.toStdString()), monitor.slice(0.05, 0.65));
    ProbeSettings settings;
    settings.folds = request_.folds;
    settings.device = device_.toStdString();
    const ProgressMonitor probeMonitor = monitor.slice(0.65, 0.95);
    auto report = std::make_shared<ProbeReport>(ProbeExperiment::run(data.examples, data.models, settings, &probeMonitor));
    report->labelSource = request_.labelSource.toStdString();
    report->pooling = request_.pooling.toStdString();
    report->skipped = data.skipped;

    ProbeResultsData results = probeResultsData(*report);
    addLayerViews(results, data.models, report->models.front().bestLayer().layer, data.files, data.examples.labels, monitor.slice(0.95, 1.0));
    results.projection.frameSeconds = 1.0 / opened.front().extractor->framesPerSecond();
    monitor.report(1.0);
    return {std::make_shared<const ProbeResultsData>(std::move(results)), std::move(report)};
}

}  // namespace m2ds
