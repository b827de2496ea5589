#pragma once
#include <QString>
#include <QStringList>

#include "training/LaunchTarget.h"

namespace m2ds {

/// The batch script of a SLURM launch: #SBATCH lines from the target (job name, partition, account, nodes,
/// one task per node, GPUs per node, time limit, output files in the run folder, the extra lines), SIGINT to the
/// job's steps 120 s before the time limit (so the run checkpoints before it is killed), the activation line,
/// then `srun torchrun --nnodes=$SLURM_NNODES --nproc_per_node=G --rdzv_backend=c10d
/// --rdzv_endpoint=$HEAD:PORT "$(command -v m2ds)" train …` with HEAD the job's first node, or `srun m2ds train …`
/// for one process. srun runs in the foreground under `exec`, so `scancel --signal=INT JOB` reaches m2ds
/// through srun and torchrun, which both pass SIGINT on to their children.
class SbatchScript {
public:
    /// Seconds before the time limit at which the job's steps get SIGINT (--signal=INT@…).
    static constexpr int kWarningSeconds = 120;

    /// arguments: the m2ds arguments (`train …`, global options first); runDirectory: the run's folder on the
    /// cluster; rendezvousPort: torchrun's c10d port on the head node.
    static QString generate(const LaunchTarget& target, const QStringList& arguments, const QString& runDirectory,
                            int rendezvousPort = 29500);
    /// The job id that `sbatch --parsable` printed ("1234" or "1234;cluster"), empty when there is none.
    static QString parseJobId(const QString& sbatchOutput);
    /// Shell lines that print the job's "STATE|REASON|ELAPSED|LIMIT" (e.g. "PENDING|Resources|0:00|1:00", parsed
    /// by SlurmJobState): from squeue while it is queued or running, then sacct, then `scontrol show job` (which
    /// still knows an ended job for MinJobAge on clusters without accounting, where sacct does not answer); an
    /// empty line when none knows it (gone), and "UNKNOWN|<squeue's error>" when the controller did not answer
    /// (or squeue is not on the PATH).
    static QString stateQuery(const QString& jobId);
    /// What stopScript prints when it cancelled a job that was still pending.
    static constexpr const char* kCancelledMarker = "M2DS-CANCELLED";
    /// Shell lines that stop the job: while it is pending (nothing runs yet) it is cancelled outright (`scancel
    /// --state=PENDING`, which leaves a job that has just started alone) and kCancelledMarker is printed; once it
    /// runs its steps get SIGINT (`scancel --signal=INT`, a plain scancel where that fails) so that the run
    /// checkpoints. SLURM refuses a signal to a pending job: slurm-wlm 22.05's `scancel --signal=INT` retries
    /// "Job can not be altered now" for 95 s, then fails, or signals the job as it starts.
    static QString stopScript(const QString& jobId);
};

}  // namespace m2ds
