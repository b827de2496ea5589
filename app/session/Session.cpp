#include "session/Session.h"

#include <QFileInfo>

#include "jobs/ModelService.h"
#include "jobs/RecordingLoadJob.h"

namespace m2ds {

Session::Session(const QString& presetsDirectory, QObject* parent)
    : QObject(parent), presetsDirectory_(presetsDirectory), models_(new ModelService(presetsDirectory, this)) {
    qRegisterMetaType<m2ds::RecordingDataPtr>("m2ds::RecordingDataPtr");
    connect(models_, &ModelService::modelLoaded, this, [this](const ModelSummary& summary) { recentModels_.add(summary.path); });
    connect(&loader_, &JobQueue::progress, this, [this](int id, double fraction) {
        const int row = recordings_.rowOfRequest(id);
        if (row >= 0) recordings_.setProgress(row, fraction);
    });
    connect(&loader_, &JobQueue::failed, this, &Session::onFailed);
}

Session::~Session() = default;

void Session::open(const QStringList& paths) {
    for (const QString& given : paths) {
        const QString path = QFileInfo(given).absoluteFilePath();
        const int existing = recordings_.rowOfPath(path);
        if (existing >= 0 && recordings_.state(existing) != RecordingListModel::State::Failed) {
            emit recordingAlreadyOpen(existing);
            continue;
        }
        if (existing >= 0) recordings_.removeRecording(existing);  // a failed file may have been fixed: retry
        const RecordingLoadJob job(path);
        const int id = loader_.run<RecordingDataPtr>(
            job, [this](int jobId, RecordingDataPtr data) { onLoaded(jobId, std::move(data)); },
            [job](const std::exception& error) { return job.describeFailure(error); });
        recordings_.addLoading(path, id);
    }
}

void Session::close(int row) {
    if (row < 0 || row >= recordings_.rowCount()) return;
    loader_.cancel(recordings_.requestId(row));
    recordings_.removeRecording(row);
}

int Session::loadingCount() const { return loader_.pendingCount(); }

void Session::onLoaded(int jobId, RecordingDataPtr data) {
    const int row = recordings_.rowOfRequest(jobId);
    if (row < 0) return;
    recentFiles_.add(data->path);
    recordings_.setReady(row, std::move(data));
    emit recordingReady(row);
}

void Session::onFailed(int jobId, const QString& message) {
    const int row = recordings_.rowOfRequest(jobId);
    if (row < 0) return;
    recordings_.setFailed(row, message);
    emit recordingFailed(row, message);
}

}  // namespace m2ds
