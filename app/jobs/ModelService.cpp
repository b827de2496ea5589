#include "jobs/ModelService.h"

#include "jobs/ModelWorker.h"

namespace m2ds {

ModelService::ModelService(const QString& presetsDirectory, QObject* parent)
    : QObject(parent), worker_(new ModelWorker(presetsDirectory, latestInspection_)) {
    qRegisterMetaType<m2ds::ModelSummary>("m2ds::ModelSummary");
    qRegisterMetaType<m2ds::InspectionDataPtr>("m2ds::InspectionDataPtr");
    thread_.setObjectName(QStringLiteral("model"));
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &ModelWorker::loaded, this, [this](int id, const ModelSummary& summary) {
        if (id != loadingRequest_) return;
        loadingRequest_ = 0;
        summary_ = summary;
        emit modelLoaded(summary);
    });
    connect(worker_, &ModelWorker::loadFailed, this, [this](int id, const QString& message) {
        if (id != loadingRequest_) return;
        loadingRequest_ = 0;
        emit modelFailed(message);
    });
    connect(worker_, &ModelWorker::inspected, this, [this](int id, InspectionDataPtr data) {
        if (id == latestInspection_->load()) emit inspectionReady(std::move(data));
    });
    connect(worker_, &ModelWorker::inspectionFailed, this, [this](int id, const QString& message) {
        if (id == latestInspection_->load()) emit inspectionFailed(message);
    });
    thread_.start();
}

ModelService::~ModelService() {
    latestInspection_->store(-1);
    thread_.quit();
    thread_.wait();
}

void ModelService::loadModel(const QString& path) {
    const int id = nextId_++;
    loadingRequest_ = id;
    ModelWorker* worker = worker_;
    QMetaObject::invokeMethod(worker_, [worker, id, path] { worker->load(id, path); }, Qt::QueuedConnection);
}

void ModelService::inspect(RecordingDataPtr recording, unsigned seed, double maskRatio, double fromSeconds, double toSeconds) {
    if (!recording) return;
    const int id = nextId_++;
    latestInspection_->store(id);
    ModelWorker* worker = worker_;
    QMetaObject::invokeMethod(
        worker_, [worker, id, recording, seed, maskRatio, fromSeconds, toSeconds] { worker->inspect(id, recording, seed, maskRatio, fromSeconds, toSeconds); },
        Qt::QueuedConnection);
}

}  // namespace m2ds
