#include "jobs/ModelService.h"

#include "jobs/InspectionJob.h"
#include "jobs/ModelLoadJob.h"
#include "jobs/ReadoutJob.h"
#include "model/M2dsModel.h"

namespace m2ds {

ModelService::ModelService(const QString& presetsDirectory, QObject* parent)
    : QObject(parent), presetsDirectory_(presetsDirectory), loads_(QStringLiteral("model-load"), JobQueue::Policy::LatestWins),
      inspections_(QStringLiteral("inspect"), JobQueue::Policy::LatestWins), readouts_(QStringLiteral("readout"), JobQueue::Policy::LatestWins) {
    qRegisterMetaType<m2ds::ModelSummary>("m2ds::ModelSummary");
    qRegisterMetaType<m2ds::InspectionDataPtr>("m2ds::InspectionDataPtr");
    connect(&loads_, &JobQueue::failed, this, [this](int, const QString& message) { emit modelFailed(message); });
    qRegisterMetaType<m2ds::ReadoutSummary>("m2ds::ReadoutSummary");
    connect(&inspections_, &JobQueue::failed, this, [this](int, const QString& message) { emit inspectionFailed(message); });
    connect(&readouts_, &JobQueue::failed, this, [this](int, const QString& message) { emit readoutFailed(message); });
}

ModelService::~ModelService() = default;

void ModelService::loadModel(const QString& path) {
    const ModelLoadJob job(path, presetsDirectory_, device_);
    loads_.run<LoadedModel>(
        job,
        [this](int, LoadedModel loaded) {
            network_ = std::move(loaded.model);
            summary_ = loaded.summary;
            readouts_.cancelAll();
            readout_.reset();
            emit modelLoaded(loaded.summary);
        },
        [job](const std::exception& error) { return job.describeFailure(error); });
}

void ModelService::setDevice(const QString& device) {
    if (device == device_) return;
    device_ = device;
    if (summary_) loadModel(summary_->path);
}

void ModelService::inspect(RecordingDataPtr recording, unsigned seed, double maskRatio, double fromSeconds, double toSeconds) {
    if (!recording) return;
    if (!network_) {
        emit inspectionFailed(tr("no model is loaded"));
        return;
    }
    const InspectionJob job(network_, std::move(recording), {seed, maskRatio, fromSeconds, toSeconds}, readout_);
    inspections_.run<InspectionDataPtr>(job, [this](int, InspectionDataPtr data) { emit inspectionReady(std::move(data)); });
}

bool ModelService::fitReadout(std::vector<RecordingDataPtr> recordings) {
    if (!network_ || !network_->hasTrainingParts()) return false;
    const ReadoutJob job(network_, std::move(recordings));
    readouts_.run<FittedReadout>(job, [this](int, FittedReadout fitted) {
        readout_ = std::move(fitted.readout);
        emit readoutReady(fitted.summary);
    });
    return true;
}

}  // namespace m2ds
