#pragma once
#include <QObject>
#include <QTimer>

#include "training/RemoteFileSource.h"
#include "training/TrainingLogParser.h"

namespace m2ds {

/// Follows a training log on another machine incrementally: every poll reads what was added after its byte
/// offset, keeps a partial last line for the next read and reports the records of the complete lines. A read
/// that failed (dropped connection, killed ssh) is thrown away whole and asked again from the same offset at
/// the next poll, so records are never lost nor reported twice. A log that shrank (truncated) or was
/// replaced (another inode: rotated) is read again from its start, after restarted().
class RemoteLogFollower : public QObject {
    Q_OBJECT
public:
    /// source: not owned; path: the log on the remote machine.
    RemoteLogFollower(RemoteFileSource* source, QString path, QObject* parent = nullptr, qint64 maxBytesPerRead = 1 << 20);

    /// Begins polling every intervalMs (and reads at once); records before byte `fromOffset` are skipped.
    void start(qint64 fromOffset = 0, int intervalMs = 1000);
    void stop();
    /// Reads now unless a read is in flight.
    void poll();

    bool isActive() const { return timer_.isActive(); }
    /// Bytes consumed so far, the partial last line included.
    qint64 offset() const { return offset_; }
    /// True when the last read reached the end of the file as it was then.
    bool atEnd() const { return atEnd_; }
    /// True when the last read failed (until one succeeds again).
    bool isConnectionLost() const { return lost_; }
    /// Reads that failed since start.
    int failedReads() const { return failedReads_; }
    const TrainingLogParser& parser() const { return parser_; }
    QString path() const { return path_; }
    /// Follows another file from the next start().
    void setPath(const QString& path) { path_ = path; }

signals:
    void recordsRead(const m2ds::TrainingLogBatch& batch);
    /// The first failed read after good ones (message: why); the follower keeps trying.
    void connectionLost(const QString& message);
    void connectionRestored();
    /// The log was truncated or replaced: what follows is read from its start.
    void restarted();

private:
    void onChunk(const RemoteChunk& chunk);
    void restartLog();

    RemoteFileSource* source_;
    QString path_;
    qint64 maxBytes_;
    QTimer timer_;
    qint64 offset_ = 0;
    QByteArray partial_;
    QString fileId_;  ///< empty until the first read
    bool inFlight_ = false;
    bool atEnd_ = false;
    bool lost_ = false;
    int failedReads_ = 0;
    int generation_ = 0;  ///< bumped by start/stop, so a late answer of an older read is ignored
    TrainingLogParser parser_;
};

}  // namespace m2ds
