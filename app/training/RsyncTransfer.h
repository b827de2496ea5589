#pragma once
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace m2ds {

class RemoteShell;

/// One rsync (or scp) process copying to or from a target's host, run without blocking the caller (a QProcess
/// with its signals): the percentage of rsync's --info=progress2 lines as it goes, everything it printed kept
/// for the summary or the failure message, and cancel. RemoteFileFetch and RemoteDataUpload run their copies
/// through it.
class RsyncTransfer : public QObject {
    Q_OBJECT
public:
    explicit RsyncTransfer(QObject* parent = nullptr);
    /// Kills a transfer in flight (no signal then).
    ~RsyncTransfer() override;

    /// Starts `program` (rsync or scp) with `arguments`; false when a transfer is in flight.
    bool start(const QString& program, const QStringList& arguments);
    bool isRunning() const { return process_ != nullptr; }
    /// Kills the transfer; finished follows with cancelled = true.
    void cancel();

    /// The last percentage (0–100) in rsync's progress output `text`, -1 when it holds none.
    static int lastPercent(const QString& text);
    /// One line for the user about a transfer with `shell`'s host that ended with `exitCode` after printing
    /// `output`: ssh's own failure (unreachable, login refused) as RemoteShell words it, no space or quota left,
    /// permission denied, rsync missing on the host, else rsync's most telling line.
    static QString describeFailure(const QString& output, int exitCode, const RemoteShell& shell);

signals:
    /// 0–100, as rsync reports it.
    void progress(int percent);
    /// exitCode: the program's, -1 when it could not start, crashed or was killed; output: what it printed
    /// (stdout and stderr merged, rsync's '\r' progress updates included).
    void finished(int exitCode, const QString& output, bool cancelled);

private:
    void onOutput();

    QPointer<QProcess> process_;
    QString output_;
    bool cancelled_ = false;
};

}  // namespace m2ds
