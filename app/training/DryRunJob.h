#pragma once
#include <QObject>
#include <QProcess>

#include "training/DryRunResult.h"

namespace m2ds {

/// Runs `m2ds train … --dry_run N` as an ordinary child process (it ends with the workbench) and reports
/// the one JSON line it prints: memory, speed and the projected time of an epoch and of the whole schedule.
class DryRunJob : public QObject {
    Q_OBJECT
public:
    /// program: the m2ds executable.
    explicit DryRunJob(QString program, QObject* parent = nullptr);
    /// Kills a dry run still going.
    ~DryRunJob() override;

    /// Starts `program trainArguments --dry_run steps`; a dry run already going is cancelled first.
    void start(const QStringList& trainArguments, int steps = 5);
    /// Kills the dry run; no signal follows.
    void cancel();
    bool isRunning() const { return process_.state() != QProcess::NotRunning; }

signals:
    void finished(const m2ds::DryRunResult& result);
    /// message: stderr's last line, or why the program could not run.
    void failed(const QString& message);

private:
    void onFinished(int exitCode, QProcess::ExitStatus status);
    QString failureMessage(int exitCode, QProcess::ExitStatus status);

    QString program_;
    QProcess process_;
};

}  // namespace m2ds
