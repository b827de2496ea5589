#pragma once
// Shared by the remote-launch tests (SSH, SLURM, the Train page's): what a RemoteRun reported, and what its log holds.
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

#include "training/RemoteRun.h"

namespace m2ds::test {

/// The iterations of the "step" records of a log.jsonl, in file order (empty when it cannot be read).
QList<qint64> loggedIterations(const QString& log);

/// Everything a RemoteRun signals, kept in arrival order.
struct RemoteRunRecorder {
    explicit RemoteRunRecorder(RemoteRun& run);

    QList<qint64> iterations;
    QStringList checkpoints;
    QVector<TrainingStart> starts;
    QList<RemoteRun::State> states;
    QVector<TrainingEnd> ends;
    QStringList failures;
};

}  // namespace m2ds::test
