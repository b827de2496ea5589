#pragma once
#include <QObject>
#include <QString>

#include "common/ProgressMonitor.h"
#include "session/RecordingData.h"

namespace m2ds {

/// Lives on a worker thread: decodes a recording and computes its log-mel (core), one request at a time.
/// Results come back through queued signals; progress is throttled to about 20 updates a second.
class RecordingLoadWorker : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// Loads `path`; emits loaded() or failed() with the same requestId, or nothing once `cancelHandle` is cancelled.
    void load(int requestId, const QString& path, const ProgressMonitor& cancelHandle);

signals:
    void progress(int requestId, double fraction);
    void loaded(int requestId, m2ds::RecordingDataPtr data);
    /// message names the file and the reason, e.g. "/a/b.wav: no such file".
    void failed(int requestId, const QString& message);
};

}  // namespace m2ds
