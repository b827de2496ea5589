#pragma once
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <optional>

#include "training/TrainingLogReader.h"

namespace m2ds {

/// One `m2ds train` run in an output folder, seen from the workbench. The process is launched detached
/// (stdout and stderr go to DIR/train-stdout.log and DIR/train-stderr.log), so closing the workbench does not
/// stop training and a crash of either side leaves the other running; the workbench follows the run through
/// DIR/log.jsonl, polled every 100 ms, and can attach to it again later. Stop sends SIGINT (the run writes a
/// checkpoint and ends "stopped"); resume launches the same command again with `--resume auto`.
class TrainingRun : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Running, Stopping };
    Q_ENUM(State)

    /// program: the m2ds executable.
    explicit TrainingRun(QString program, QObject* parent = nullptr);

    /// Launches `program arguments` (arguments begin with "train") for `directory`, creating it, and records
    /// the command in DIR/train-command.json. Records already in the folder's log are not reported again.
    /// False, with launchFailed, when it is busy or the program cannot be started.
    bool start(const QStringList& arguments, const QString& directory);
    /// Launches the recorded command (or, when none was recorded, `fallbackArguments`) again with
    /// `--resume auto`, in the same folder; new records follow the ones already reported.
    bool resume(const QStringList& fallbackArguments = {});
    /// Asks the run to stop (SIGINT); it writes a checkpoint and ends. Repeating it signals again.
    void stop();
    /// Follows the run in `directory`: its whole log is reported (over several polls when long), then, while
    /// its last "start" has no "end" and its process is alive, what it adds. False when there is no log.
    bool attach(const QString& directory);

    State state() const { return state_; }
    /// The training process, 0 when none is known.
    qint64 pid() const { return pid_; }
    QString directory() const { return directory_; }
    /// The arguments recorded in directory()/train-command.json; empty when none.
    QStringList recordedCommand() const;
    /// Idle, with a folder, and the run there did not finish its schedule.
    bool canResume() const;

signals:
    /// New records from the log, in file order per kind.
    void recordsRead(const m2ds::TrainingLogBatch& batch);
    void stateChanged(m2ds::TrainingRun::State state);
    /// The run ended: its "end" record, or "crashed" / "failed" with the last lines of its stderr when the
    /// process is gone without one.
    void ended(const m2ds::TrainingEnd& end);
    void launchFailed(const QString& message);

private:
    bool launch(const QStringList& arguments);
    void poll();
    void finish(const TrainingEnd& end);
    TrainingEnd lostEnd() const;
    QString stderrTail() const;
    void setState(State state);
    QString filePath(const QString& name) const;

    QString program_;
    QString directory_;
    TrainingLogReader reader_;
    QTimer timer_;
    State state_ = State::Idle;
    qint64 pid_ = 0;
    bool awaitingStart_ = false;  ///< launched; its "start" record has not arrived yet
    qint64 stderrOffset_ = 0;     ///< where this launch's stderr begins
    std::optional<TrainingEnd> lastEnd_;  ///< how the followed run ended last, if it has
};

}  // namespace m2ds
