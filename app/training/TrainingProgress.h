#pragma once
#include <QString>
#include <optional>

#include "training/TrainingLogRecords.h"

namespace m2ds {

/// Where a run stands, from its log records: epoch and iteration of the schedule, speed, the time left
/// (from the pace since the latest start), the latest losses and RankMe.
class TrainingProgress {
public:
    /// Takes in records in log order.
    void add(const TrainingLogBatch& batch);
    void clear() { *this = TrainingProgress(); }

    /// Seconds to the end of the schedule at the pace since the latest start; none before two steps of it.
    std::optional<double> secondsLeft() const;
    const std::optional<TrainingStep>& latestStep() const { return step_; }
    /// One line, counting epochs and iterations from 1: "Epoch 3 / 100 · iteration 250 / 10000 · 123.4 samples/s ·
    /// 1 h 05 min left · loss 0.4321 (m2d …, off …) · RankMe … · … MiB".
    QString summary() const;

    /// "45 s", "12 min 05 s", "3 h 07 min", "2 d 04 h".
    static QString formatDuration(double seconds);

private:
    std::optional<TrainingStart> start_;
    std::optional<TrainingStep> firstStep_;  ///< the first step after the latest start: the pace's origin
    std::optional<TrainingStep> step_;
    std::optional<TrainingRankMe> rankMe_;
};

}  // namespace m2ds
