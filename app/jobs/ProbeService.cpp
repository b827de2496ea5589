#include "jobs/ProbeService.h"

#include <QFileInfo>

#include "common/AtomicFileWriter.h"
#include "common/Errors.h"
#include "common/UserCacheFolder.h"
#include "jobs/ModelService.h"
#include "jobs/ProbeResultsConversion.h"
#include "probe/ProbeReport.h"

namespace m2ds {

ProbeService::ProbeService(ModelService& models, QString presetsDirectory, QString cacheDirectory, QObject* parent)
    : QObject(parent), models_(models), presetsDirectory_(std::move(presetsDirectory)),
      cacheDirectory_(cacheDirectory.isEmpty() ? QString::fromStdString(userCacheFolder("embeddings")) : std::move(cacheDirectory)),
      jobs_(QStringLiteral("m2ds probe"), JobQueue::Policy::LatestWins, this) {
    connect(&jobs_, &JobQueue::progress, this, [this](int id, double fraction) {
        if (id == current_) emit progress(fraction);
    });
    connect(&jobs_, &JobQueue::failed, this, [this](int id, const QString& message) {
        if (id == current_) emit failed(message);
    });
}

ProbeService::~ProbeService() = default;

std::optional<ProbeJob> ProbeService::jobFor(const ProbeRequest& request) {
    if (request.labelSource.isEmpty()) {
        emit failed(tr("Choose a labelled set: a folder with a sub-folder per label, or a CSV file,label[,group]."));
        return std::nullopt;
    }
    const bool loaded = models_.network() && models_.model();
    if (!loaded && request.extraModels.isEmpty()) {
        emit failed(tr("Load a model (File ▸ Open Model…) or add a checkpoint to probe."));
        return std::nullopt;
    }
    return ProbeJob(loaded ? models_.network() : nullptr, loaded ? models_.model()->path : QString(), presetsDirectory_,
                    models_.encoderDevice(), cacheDirectory_, request);
}

void ProbeService::estimate(const ProbeRequest& request) {
    const std::optional<ProbeJob> job = jobFor(request);
    if (!job) return;
    current_ = jobs_.run<ProbeEstimateData>([job = *job](const ProgressMonitor& monitor) { return job.estimate(monitor); },
                                            [this](int, const ProbeEstimateData& estimate) { emit estimateReady(estimate); });
    emit progress(0.0);
}

void ProbeService::run(const ProbeRequest& request) {
    const std::optional<ProbeJob> job = jobFor(request);
    if (!job) return;
    current_ = jobs_.run<ProbeOutcome>([job = *job](const ProgressMonitor& monitor) { return job.run(monitor); },
                                       [this](int, ProbeOutcome outcome) {
                                           results_ = std::move(outcome.results);
                                           report_ = std::move(outcome.report);
                                           emit resultsReady(results_);
                                       });
    emit progress(0.0);
}

void ProbeService::cancel() {
    jobs_.cancelAll();
    emit cancelled();
}

QString ProbeService::saveResults(const QString& path) const {
    if (!report_) return tr("%1: no probe results to save yet").arg(path);
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("json") && suffix != QLatin1String("csv")) return tr("%1: save probe results as .json or .csv").arg(path);
    try {
        AtomicFileWriter::writeFile(path.toStdString(), suffix == QLatin1String("json") ? report_->toJson() : probeReportCsv(*report_));
    } catch (const Error& error) {
        return QString::fromUtf8(error.what());
    }
    return {};
}

}  // namespace m2ds
