#pragma once
#include <QString>

namespace m2ds {

/// A SLURM job as SbatchScript::stateQuery prints it, "STATE|REASON|ELAPSED|LIMIT" (from squeue, sacct or
/// `scontrol show job`), e.g. "RUNNING|None|0:18|1:00" or "TIMEOUT|TimeLimit|00:01:14|00:01:00"; also the SSH
/// targets' "RUNNING" and "GONE", and "UNKNOWN|<error>" when the controller did not answer.
struct SlurmJobState {
    QString state;                ///< PENDING, RUNNING, COMPLETING, COMPLETED, FAILED, TIMEOUT, "CANCELLED by 1000", GONE, …
    QString reason;               ///< JobHeldUser, TimeLimit, NonZeroExitCode, …; empty for None
    qint64 elapsedSeconds = -1;   ///< the job's run time so far (or in all, once it ended); -1 unknown
    qint64 limitSeconds = -1;     ///< its time limit; -1 unknown or UNLIMITED

    /// Parses one line of the state query; an empty line is GONE (no command knows the job).
    static SlurmJobState parse(const QString& line);
    /// A duration as squeue (M:SS, H:MM:SS, D-HH:MM:SS), sacct and scontrol (HH:MM:SS) print it, in seconds;
    /// -1 for UNLIMITED, INVALID, NOT_SET, Partition_Limit or nothing.
    static qint64 parseDuration(const QString& text);

    /// The state's first word: "CANCELLED" for "CANCELLED by 1000".
    QString word() const;
    /// "PENDING (JobHeldUser)", "RUNNING", "CANCELLED by 1000".
    QString describe() const;
    /// The job is over (or gone): COMPLETED, FAILED, CANCELLED, TIMEOUT, NODE_FAIL, OUT_OF_MEMORY, PREEMPTED,
    /// BOOT_FAIL, DEADLINE, GONE.
    bool isFinal() const;
    bool isEmpty() const { return state.isEmpty(); }
};

}  // namespace m2ds
