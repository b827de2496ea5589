#pragma once
#include <QHash>
#include <QObject>
#include <QThread>

#include "common/ProgressMonitor.h"
#include "session/RecordingData.h"

namespace m2ds {

class RecordingLoadWorker;

/// Owns the loading thread. Requests run one after another off the GUI thread; each can be cancelled.
class RecordingLoader : public QObject {
    Q_OBJECT
public:
    explicit RecordingLoader(QObject* parent = nullptr);
    /// Cancels what is pending and joins the thread.
    ~RecordingLoader() override;

    /// Queues `path`; returns the request id that the signals carry.
    int request(const QString& path);
    /// Drops a request: no signal for it arrives after this call returns.
    void cancel(int requestId);
    /// Requests queued or running.
    int pendingCount() const { return int(pending_.size()); }

signals:
    void progress(int requestId, double fraction);
    void loaded(int requestId, m2ds::RecordingDataPtr data);
    void failed(int requestId, const QString& message);

private:
    bool isPending(int requestId) const { return pending_.contains(requestId); }

    QThread thread_;
    RecordingLoadWorker* worker_;
    QHash<int, ProgressMonitor> pending_;
    int nextId_ = 1;
};

}  // namespace m2ds
