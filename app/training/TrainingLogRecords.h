#pragma once
// The records of a training log (DIR/log.jsonl, one JSON object per line, appended by `m2ds train`) as plain
// values: "start", "step", "rankme", "checkpoint" and "end" events. Times are seconds since the epoch.
#include <QString>
#include <QVector>

namespace m2ds {

/// A run (or a resumed run) began: one process, its schedule.
struct TrainingStart {
    double time = 0.0;
    qint64 pid = 0;
    int worldSize = 1;
    QString device;
    qint64 stepsPerEpoch = 0;
    qint64 totalIterations = 0;
    int epochs = 0;
    QString resumedFrom;  ///< empty for a fresh run
};

/// One logged optimisation step; iteration is the global data iteration, from 0.
struct TrainingStep {
    double time = 0.0;
    int epoch = 0;
    qint64 iteration = 0;
    double loss = 0.0;
    double lossM2d = 0.0;
    double lossOff = 0.0;
    double learningRate = 0.0;
    double emaDecay = 0.0;
    double gradNorm = 0.0;
    double samplesPerSecond = 0.0;
    double memoryMib = 0.0;
    double elapsedSeconds = 0.0;
};

/// RankMe of the encoder's embeddings at an evaluation point.
struct TrainingRankMe {
    int epoch = 0;
    qint64 iteration = 0;
    double rankMe = 0.0;
};

/// A checkpoint file that the run wrote (absolute path of a .safetensors).
struct TrainingCheckpoint {
    int epoch = 0;
    qint64 iteration = 0;
    QString path;
};

/// How a run ended: "finished", "stopped", "failed" (from the log) or, decided by the workbench when the
/// process is gone without an "end" record, "crashed"; "timeout" when a SLURM job's time limit ended it (the
/// message says where it stopped and what Resume does); "cancelled" when Stop cancelled a SLURM job before it
/// started (the message says so, and what Start or Resume does).
struct TrainingEnd {
    QString status;
    QString message;
    qint64 iteration = -1;
};

/// The records read from a log in one go, in file order per kind.
struct TrainingLogBatch {
    QVector<TrainingStart> starts;
    QVector<TrainingStep> steps;
    QVector<TrainingRankMe> rankMe;
    QVector<TrainingCheckpoint> checkpoints;
    QVector<TrainingEnd> ends;

    bool isEmpty() const {
        return starts.isEmpty() && steps.isEmpty() && rankMe.isEmpty() && checkpoints.isEmpty() && ends.isEmpty();
    }
};

}  // namespace m2ds
