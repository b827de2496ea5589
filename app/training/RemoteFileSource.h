#pragma once
#include <QByteArray>
#include <QString>
#include <functional>

namespace m2ds {

/// One read of a growing remote file: its identity (inode) and size at that moment, and the bytes from the
/// asked offset. ok is false when the connection failed; then the bytes are not to be used at all (a
/// dropped transfer can end anywhere).
struct RemoteChunk {
    bool ok = false;
    QString error;        ///< why, when not ok
    bool exists = false;  ///< false: the file is not there (yet)
    QString fileId;       ///< changes when the file is replaced (rotation)
    qint64 size = 0;      ///< bytes in the file when it was read
    QByteArray bytes;     ///< from the offset, at most the asked count
};

/// Where a RemoteLogFollower gets bytes from: SshFileSource over ssh, or a fake in tests. One read at a time.
class RemoteFileSource {
public:
    virtual ~RemoteFileSource() = default;
    /// Reads up to maxBytes of `path` from byte `offset` and calls `done` once, later, on the caller's thread.
    virtual void read(const QString& path, qint64 offset, qint64 maxBytes, std::function<void(const RemoteChunk&)> done) = 0;
};

}  // namespace m2ds
