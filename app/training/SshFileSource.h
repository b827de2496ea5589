#pragma once
#include <QObject>
#include <QPointer>

#include "training/RemoteFileSource.h"
#include "training/RemoteShell.h"

class QProcess;

namespace m2ds {

/// Reads a remote file's tail over ssh: `stat` (inode, size) then `tail -c +OFFSET | head -c MAX`, one ssh
/// command per read (cheap over the shared connection). A read whose ssh dies is reported not ok.
class SshFileSource : public QObject, public RemoteFileSource {
    Q_OBJECT
public:
    explicit SshFileSource(RemoteShell shell, QObject* parent = nullptr);
    /// Kills a read in flight.
    ~SshFileSource() override;
    void read(const QString& path, qint64 offset, qint64 maxBytes, std::function<void(const RemoteChunk&)> done) override;
    /// The ssh process of the read in flight, 0 when none (to watch or, in tests, to kill).
    qint64 processId() const;

    /// Parses what the read script printed (a "M2DS-FILE inode size" or "M2DS-FILE missing" line, then the bytes).
    static RemoteChunk parse(const QByteArray& output);

private:
    RemoteShell shell_;
    QPointer<QProcess> process_;
};

}  // namespace m2ds
