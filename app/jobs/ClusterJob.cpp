#include "jobs/ClusterJob.h"

#include <QFileInfo>
#include <cmath>

#include "cluster/ClusterAssigner.h"
#include "cluster/MiniBatchKMeans.h"
#include "common/Errors.h"
#include "common/NpyFile.h"
#include "common/ProgressMonitor.h"
#include "features/FeatureDump.h"
#include "features/HubertFolderCache.h"
#include "features/HubertLayerFeatures.h"
#include "features/InMemoryFeatureSource.h"
#include "features/ModelLayerFeatures.h"

namespace m2ds {
namespace {

FloatArray learnCodebook(const FeatureSource& features, const ClusterRequest& request, const ProgressMonitor& monitor) {
    KMeansSettings settings;
    settings.k = request.clusterCount;
    settings.seed = request.seed;
    settings.nInit = 3;
    settings.validateFor(features);
    return MiniBatchKMeans(settings).fit(features, monitor).centroids;
}

FloatArray readCodebook(const QString& path, std::size_t dimension) {
    FloatArray codebook = NpyFile::readFloat32(path.toStdString());
    if (codebook.shape.size() != 2 || codebook.shape[0] == 0 || codebook.shape[1] != dimension)
        throw InputError(path.toStdString(), "centroids must be [K, " + std::to_string(dimension) + "] for this model layer");
    return codebook;
}

/// The extractor of a request's features, with the HuBERT model it reads (kept alive here) when there is one.
struct ClusterFeatureExtractor {
    HubertFolder hubert;
    std::unique_ptr<FrameFeatureExtractor> extractor;
};

ClusterFeatureExtractor clusterFeaturesOf(const M2dsModel* model, const ClusterRequest& request) {
    ClusterFeatureExtractor features;
    if (request.hubertFolder.isEmpty()) {
        if (!model) throw InvalidArgument("clusters: no model loaded and no HuBERT folder chosen");
        features.extractor = std::make_unique<ModelLayerFeatures>(*model, request.layer, request.checkpointPath.toStdString());
        return features;
    }
    features.hubert = HubertFolderCache::open(request.hubertFolder.toStdString(), request.device.toStdString());
    features.extractor = std::make_unique<HubertLayerFeatures>(*features.hubert.model, request.layer, features.hubert.weightsPath);
    return features;
}

/// What the dock and the tier lane call the codebook.
QString codebookName(const ClusterRequest& request, int clusterCount) {
    if (!request.centroidsPath.isEmpty()) return request.centroidsPath;
    const QString layer = QString("layer %1, k = %2").arg(request.layer).arg(clusterCount);
    return request.hubertFolder.isEmpty() ? layer : QFileInfo(request.hubertFolder).fileName() + ' ' + layer;
}

/// Run-length segments of rows [first, first + count) of the assignments, with mean distances (square roots).
std::vector<ClusterSegment> segmentsOf(const Assignments& rows, std::size_t first, std::size_t count, double framesPerSecond) {
    std::vector<ClusterSegment> segments;
    for (std::size_t t = first; t < first + count;) {
        std::size_t end = t;
        double distance = 0.0, second = 0.0;
        for (; end < first + count && rows.labels[end] == rows.labels[t]; ++end) {
            distance += std::sqrt(std::max(0.0f, rows.distances[end]));
            second += std::sqrt(std::max(0.0f, rows.secondDistances[end]));
        }
        const double frames = double(end - t);
        segments.push_back({double(t - first) / framesPerSecond, double(end - first) / framesPerSecond, rows.labels[t],
                            float(distance / frames), float(second / frames)});
        t = end;
    }
    return segments;
}

std::vector<ClusterStatistics> statisticsOf(const ClusterTiers& tiers) {
    std::vector<ClusterStatistics> statistics(std::size_t(tiers.clusterCount));
    long long total = 0;
    for (const auto& segments : tiers.segmentsByPath)
        for (const ClusterSegment& segment : segments) {
            ClusterStatistics& entry = statistics[std::size_t(segment.cluster)];
            const long long frames = std::llround((segment.end - segment.start) * tiers.framesPerSecond);
            entry.frames += frames;
            entry.meanDurationSeconds += segment.end - segment.start;
            ++entry.segments;
            total += frames;
        }
    for (std::size_t c = 0; c < statistics.size(); ++c) {
        statistics[c].cluster = int(c);
        statistics[c].share = total > 0 ? double(statistics[c].frames) / double(total) : 0.0;
        if (statistics[c].segments > 0) statistics[c].meanDurationSeconds /= statistics[c].segments;
    }
    return statistics;
}

}  // namespace

ClusterTiers ClusterJob::operator()(const ProgressMonitor& monitor) const {
    std::vector<std::string> files;
    for (const QString& path : request_.recordings) files.push_back(path.toStdString());
    const ClusterFeatureExtractor extraction = clusterFeaturesOf(model_.get(), request_);
    monitor.throwIfCancelled();
    const FeatureDump dump = FeatureDump::ensure(request_.cacheDirectory.toStdString(), files, *extraction.extractor, monitor.slice(0.0, 0.6));
    const InMemoryFeatureSource features = InMemoryFeatureSource::copyOf(dump.source());
    const FloatArray codebook = request_.centroidsPath.isEmpty() ? learnCodebook(features, request_, monitor.slice(0.6, 0.95))
                                                                 : readCodebook(request_.centroidsPath, features.dimension());
    const Assignments rows = ClusterAssigner(codebook).assign(features, monitor.slice(0.95, 1.0));
    ClusterTiers tiers;
    tiers.clusterCount = int(codebook.shape[0]);
    tiers.framesPerSecond = dump.framesPerSecond;
    tiers.name = codebookName(request_, tiers.clusterCount);
    std::size_t first = 0;
    for (std::size_t u = 0; u < dump.files.size(); ++u) {
        tiers.segmentsByPath.insert(QString::fromStdString(dump.files[u]), segmentsOf(rows, first, dump.frames[u], dump.framesPerSecond));
        first += dump.frames[u];
    }
    for (const std::string& line : dump.skipped) tiers.skipped << QString::fromStdString(line);
    tiers.statistics = statisticsOf(tiers);
    return tiers;
}

QString ClusterJob::describeFailure(const std::exception& error) { return QString::fromUtf8(error.what()); }

}  // namespace m2ds
