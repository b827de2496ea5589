#include "training/SlurmJobEnd.h"

#include <QCoreApplication>
#include <QStringList>

#include "training/SbatchScript.h"

namespace m2ds {
namespace {

constexpr qint64 kSignalLeadSeconds = 60;  ///< SLURM may send --signal's signal up to a minute early
constexpr qint64 kPollSlackSeconds = 10;   ///< the state was polled a few seconds before the end was read

QString tr(const char* text) { return QCoreApplication::translate("m2ds::SlurmJobEnd", text); }

QString fileName(const QString& path) { return path.section(QLatin1Char('/'), -1); }

/// " (1 min)", or nothing when the limit is not known.
QString limitInParentheses(const SlurmJobState& job) {
    return job.limitSeconds > 0 ? QStringLiteral(" (%1)").arg(SlurmJobEnd::formatLimit(job.limitSeconds)) : QString();
}

/// What Resume does from the last checkpoint (or without one).
QString resumeSentence(const TrainingCheckpoint& checkpoint) {
    if (checkpoint.path.isEmpty()) return tr("No checkpoint was saved, so Resume starts the run again from the beginning.");
    return tr("Resume continues from %1 (iteration %2).").arg(fileName(checkpoint.path)).arg(checkpoint.iteration);
}

}  // namespace

TrainingEnd SlurmJobEnd::cancelledWhilePending(const QString& jobId, qint64 lastIteration, const TrainingCheckpoint& lastCheckpoint) {
    TrainingEnd end;
    end.status = QStringLiteral("cancelled");
    end.iteration = lastIteration;
    const QString next = lastIteration < 0 && lastCheckpoint.path.isEmpty() ? tr("Start or Resume launches it again.") : resumeSentence(lastCheckpoint);
    end.message = tr("Cancelled while pending: SLURM job %1 never started, nothing ran. %2").arg(jobId, next);
    return end;
}

bool SlurmJobEnd::nearTimeLimit(const SlurmJobState& job) {
    if (job.word() == QLatin1String("TIMEOUT") || job.reason == QLatin1String("TimeLimit")) return true;
    if (job.limitSeconds <= 0 || job.elapsedSeconds < 0) return false;
    return job.elapsedSeconds + kPollSlackSeconds >= job.limitSeconds - SbatchScript::kWarningSeconds - kSignalLeadSeconds;
}

TrainingEnd SlurmJobEnd::describe(const TrainingEnd* logEnd, const SlurmJobState& job, qint64 lastIteration,
                                  const TrainingCheckpoint& lastCheckpoint, bool stopRequested) {
    if (logEnd) {
        if (logEnd->status != QLatin1String("stopped") || stopRequested || !nearTimeLimit(job)) return *logEnd;
        TrainingEnd end = *logEnd;
        end.status = QStringLiteral("timeout");
        const bool savedAtStop = !lastCheckpoint.path.isEmpty() && lastCheckpoint.iteration == logEnd->iteration;
        end.message = savedAtStop ? tr("Reached its time limit%1: stopped at iteration %2, %3 saved. Resume continues from it.")
                                        .arg(limitInParentheses(job)).arg(logEnd->iteration).arg(fileName(lastCheckpoint.path))
                                  : tr("Reached its time limit%1: stopped at iteration %2. %3")
                                        .arg(limitInParentheses(job)).arg(logEnd->iteration).arg(resumeSentence(lastCheckpoint));
        return end;
    }
    TrainingEnd end;
    end.iteration = lastIteration;
    if (job.word() == QLatin1String("TIMEOUT")) {
        end.status = QStringLiteral("timeout");
        const QString where = lastIteration < 0 ? tr("before its first step") : tr("at iteration %1").arg(lastIteration);
        end.message = tr("Killed by SLURM at its time limit%1 %2, before it could stop and save. %3")
                          .arg(limitInParentheses(job), where, resumeSentence(lastCheckpoint));
        return end;
    }
    end.status = stopRequested ? QStringLiteral("stopped") : QStringLiteral("crashed");
    if (job.word() != QLatin1String("GONE") && job.word() != QLatin1String("COMPLETED")) end.message = tr("SLURM: %1.").arg(job.describe());
    return end;
}

QString SlurmJobEnd::formatLimit(qint64 seconds) {
    QStringList parts;
    if (seconds >= 86400) parts << tr("%1 d").arg(seconds / 86400);
    if (seconds / 3600 % 24) parts << tr("%1 h").arg(seconds / 3600 % 24);
    if (seconds / 60 % 60) parts << tr("%1 min").arg(seconds / 60 % 60);
    if (seconds % 60 || parts.isEmpty()) parts << tr("%1 s").arg(seconds % 60);
    return parts.join(QLatin1Char(' '));
}

}  // namespace m2ds
