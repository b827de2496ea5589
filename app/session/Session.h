#pragma once
#include <QObject>
#include <QStringList>

#include "jobs/JobQueue.h"
#include "session/RecentFiles.h"
#include "session/RecordingListModel.h"

namespace m2ds {

class ModelService;

/// The workbench's document: the open recordings and their loading, the loaded model, the recent-files lists.
class Session : public QObject {
    Q_OBJECT
public:
    /// presetsDirectory: models/presets as installed (for checkpoints that do not carry head counts).
    explicit Session(const QString& presetsDirectory = {}, QObject* parent = nullptr);
    ~Session() override;

    RecordingListModel* recordings() { return &recordings_; }
    RecentFiles& recentFiles() { return recentFiles_; }
    RecentFiles& recentModels() { return recentModels_; }
    ModelService* models() { return models_; }
    /// models/presets as installed, as given to the constructor.
    const QString& presetsDirectory() const { return presetsDirectory_; }

    /// Starts loading each path on the worker thread; a path that is already open is not loaded twice
    /// (recordingAlreadyOpen is emitted for it instead).
    void open(const QStringList& paths);
    /// Closes a row, cancelling its loading if still running.
    void close(int row);
    /// Recordings still loading.
    int loadingCount() const;

signals:
    void recordingReady(int row);
    /// message names the file and the reason.
    void recordingFailed(int row, const QString& message);
    void recordingAlreadyOpen(int row);

private:
    void onLoaded(int jobId, RecordingDataPtr data);
    void onFailed(int jobId, const QString& message);

    QString presetsDirectory_;
    RecordingListModel recordings_;
    RecentFiles recentFiles_;
    RecentFiles recentModels_{QStringLiteral("recentModels")};
    JobQueue loader_{QStringLiteral("recording-loader"), JobQueue::Policy::RunAll};
    ModelService* models_;
};

}  // namespace m2ds
