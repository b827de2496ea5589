#include "training/SbatchScript.h"

#include <QRegularExpression>

#include "training/SshCommand.h"

namespace m2ds {
namespace {

QString directive(const QString& text) { return QStringLiteral("#SBATCH ") + text + QLatin1Char('\n'); }

QString jobName(const QString& runDirectory) {
    QString name = runDirectory.section(QLatin1Char('/'), -1, -1, QString::SectionSkipEmpty);
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("_"));
    return QStringLiteral("m2ds-") + (name.isEmpty() ? QStringLiteral("train") : name);
}

QString launchLine(const LaunchTarget& target, const QStringList& arguments, int rendezvousPort) {
    const QString m2ds = SshCommand::quote(target.m2dsPath);
    const QString rest = SshCommand::shellLine(arguments);
    if (target.nodes <= 1 && target.gpusPerNode <= 1) return QStringLiteral("exec srun --kill-on-bad-exit=1 %1 %2\n").arg(m2ds, rest);
    return QStringLiteral("exec srun --kill-on-bad-exit=1 torchrun --nnodes=\"$SLURM_NNODES\" --nproc_per_node=%1 --rdzv_id=\"$SLURM_JOB_ID\" \\\n"
                          "    --rdzv_backend=c10d --rdzv_endpoint=\"$HEAD:%2\" \"$(command -v %3)\" %4\n")
        .arg(qMax(1, target.gpusPerNode)).arg(rendezvousPort).arg(m2ds, rest);
}

}  // namespace

QString SbatchScript::generate(const LaunchTarget& target, const QStringList& arguments, const QString& runDirectory, int rendezvousPort) {
    QString script = QStringLiteral("#!/bin/bash\n");
    script += directive(QStringLiteral("--job-name=") + jobName(runDirectory));
    if (!target.partition.isEmpty()) script += directive(QStringLiteral("--partition=") + target.partition);
    if (!target.account.isEmpty()) script += directive(QStringLiteral("--account=") + target.account);
    script += directive(QStringLiteral("--nodes=%1").arg(qMax(1, target.nodes)));
    script += directive(QStringLiteral("--ntasks-per-node=1"));
    if (target.gpusPerNode > 0) script += directive(QStringLiteral("--gpus-per-node=%1").arg(target.gpusPerNode));
    if (!target.timeLimit.isEmpty()) script += directive(QStringLiteral("--time=") + target.timeLimit);
    script += directive(QStringLiteral("--chdir=") + runDirectory);
    script += directive(QStringLiteral("--output=") + runDirectory + QStringLiteral("/train-stdout.log"));
    script += directive(QStringLiteral("--error=") + runDirectory + QStringLiteral("/train-stderr.log"));
    script += directive(QStringLiteral("--open-mode=append"));
    script += directive(QStringLiteral("--signal=INT@%1").arg(kWarningSeconds));
    for (QString line : target.extraSbatchLines) {
        line = line.trimmed();
        if (line.isEmpty()) continue;
        script += line.startsWith(QLatin1String("#SBATCH")) ? line + QLatin1Char('\n') : directive(line);
    }
    script += QStringLiteral("set -e\n");
    if (!target.activation.trimmed().isEmpty()) script += target.activation.trimmed() + QLatin1Char('\n');
    if (target.nodes > 1 || target.gpusPerNode > 1)
        script += QStringLiteral("HEAD=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n1)\n");
    script += QStringLiteral("echo \"m2ds job $SLURM_JOB_ID on $SLURM_JOB_NODELIST\" >&2\n");
    return script + launchLine(target, arguments, rendezvousPort);
}

QString SbatchScript::parseJobId(const QString& sbatchOutput) {
    const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("^\\s*(\\d+)(;\\S*)?\\s*$"), QRegularExpression::MultilineOption).match(sbatchOutput);
    return match.hasMatch() ? match.captured(1) : QString();
}

QString SbatchScript::stateQuery(const QString& jobId) {
    // squeue fails both for a job the controller no longer knows ("Invalid job id") and when there is no answer
    // from the controller: only the first means that the job has ended.
    return QStringLiteral(
               "q=$(squeue -h -j %1 -o '%T|%r|%M|%l' 2>&1) || { printf '%s' \"$q\" | grep -q 'Invalid job id' && q= || q=\"UNKNOWN|$(printf '%s' \"$q\" | tail -n1)\"; }\n"
               "[ -n \"$q\" ] || q=$(sacct -n -X -P -j %1 -o State,Reason,Elapsed,Timelimit 2>/dev/null | grep .) ||\n"
               "    q=$(scontrol -o show job %1 2>/dev/null |\n"
               "        sed -n 's/.* JobState=\\([^ ]*\\) Reason=\\([^ ]*\\) .* RunTime=\\([^ ]*\\) TimeLimit=\\([^ ]*\\) .*/\\1|\\2|\\3|\\4/p')\n"
               "printf '%s\\n' \"$q\" | head -n1\n")
        .arg(SshCommand::quote(jobId));
}

QString SbatchScript::stopScript(const QString& jobId) {
    // squeue lists no ended job here (a cancelled one is gone at once): empty, or CANCELLED elsewhere, is cancelled.
    return QStringLiteral(
               "j=%1\n"
               "if [ \"$(squeue -h -j \"$j\" -o %T 2>/dev/null)\" = PENDING ] && scancel --state=PENDING \"$j\" &&\n"
               "    ! squeue -h -j \"$j\" -o %T 2>/dev/null | grep -qv '^CANCELLED'; then\n"
               "    echo %2\n"
               "else\n"
               "    scancel --signal=INT \"$j\" 2>/dev/null || scancel \"$j\"\n"
               "fi\n")
        .arg(SshCommand::quote(jobId), QLatin1String(kCancelledMarker));
}

}  // namespace m2ds
