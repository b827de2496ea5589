#pragma once
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace m2ds {

/// A run the workbench launched on a remote target: enough to follow, stop and resume it after a restart.
struct RemoteRunRecord {
    QString target;         ///< the LaunchTarget's name
    QString directory;      ///< the run folder on the host
    QStringList arguments;  ///< the m2ds arguments it was launched with (without --resume)
    qint64 pid = 0;         ///< SSH: the detached process (its process group)
    QString jobId;          ///< SLURM: the job
    qint64 stderrOffset = 0;  ///< where the last launch's stderr begins
    double launched = 0.0;  ///< seconds since the epoch

    QJsonObject toJson() const;
    static RemoteRunRecord fromJson(const QJsonObject& json);
};

/// The remote runs the workbench launched, newest last: `remote-runs.json` in the application's data folder
/// (the same reasoning as LaunchTargetStore: a small document, written atomically).
class RemoteRunRegistry {
public:
    /// path: the file; empty = `<AppDataLocation>/remote-runs.json`.
    explicit RemoteRunRegistry(QString path = {});

    /// The records (none when the file is missing or unreadable).
    QVector<RemoteRunRecord> load() const;
    /// Adds `record`, replacing the one of the same target and folder; the newest goes last. Throws OutputError.
    void put(const RemoteRunRecord& record) const;
    void remove(const QString& target, const QString& directory) const;
    QString path() const { return path_; }

private:
    void save(const QVector<RemoteRunRecord>& records) const;
    QString path_;
};

}  // namespace m2ds
