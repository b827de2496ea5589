#pragma once
#include <QString>

#include "training/SlurmJobState.h"
#include "training/TrainingLogRecords.h"

namespace m2ds {

/// How a SLURM run ended, for the Train page, from its log and the job's last state; above all a job that its
/// time limit ended. What SLURM does there (seen on slurm-wlm 22.05): the generated script's --signal=INT@120
/// reaches m2ds when at most 120 s are left, or up to a minute earlier (for a 1-minute job ~15–20 s after it
/// started), so the run checkpoints and logs "end: stopped", and the job ends FAILED (NonZeroExitCode, exit
/// 130), not TIMEOUT; without that signal, SLURM sends SIGTERM at the limit (the run checkpoints and stops the
/// same way; the job ends TIMEOUT) and SIGKILL KillWait seconds later: a run that was not done saving by then
/// leaves no "end" and the job ends TIMEOUT (exit 0:9).
class SlurmJobEnd {
public:
    /// logEnd: the log's "end" record, null when the job is gone without one; job: its last polled state;
    /// lastIteration, lastCheckpoint: the last step and checkpoint its log named (-1, an empty path: none);
    /// stopRequested: the user pressed Stop. A stop the user did not ask for while the job was within the
    /// warning window of its limit, or a TIMEOUT, gives status "timeout" with a sentence saying where it
    /// stopped and what Resume does; otherwise the log's end, or "stopped"/"crashed" with the job's state.
    static TrainingEnd describe(const TrainingEnd* logEnd, const SlurmJobState& job, qint64 lastIteration,
                                const TrainingCheckpoint& lastCheckpoint, bool stopRequested);
    /// A Stop that cancelled the job `jobId` while it was still pending (SbatchScript::stopScript): status
    /// "cancelled", iteration lastIteration, and a sentence saying that nothing ran and what Start or Resume does
    /// (lastIteration, lastCheckpoint: of the run's earlier jobs, as for describe).
    static TrainingEnd cancelledWhilePending(const QString& jobId, qint64 lastIteration, const TrainingCheckpoint& lastCheckpoint);
    /// The job reached its limit (TIMEOUT, reason TimeLimit), or it ran within SbatchScript's warning time of it
    /// plus the minute by which SLURM may send the signal early.
    static bool nearTimeLimit(const SlurmJobState& job);
    /// A time limit as a person reads it: "1 min", "1 h 30 min", "2 d".
    static QString formatLimit(qint64 seconds);
};

}  // namespace m2ds
