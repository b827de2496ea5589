#include "training/TrainingProgress.h"

#include <QCoreApplication>
#include <QStringList>
#include <cmath>

namespace m2ds {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("TrainingProgress", text); }

}  // namespace

void TrainingProgress::add(const TrainingLogBatch& batch) {
    if (!batch.starts.isEmpty()) {
        start_ = batch.starts.last();
        firstStep_.reset();
    }
    for (const TrainingStep& step : batch.steps) {
        if (!firstStep_ || (start_ && firstStep_->time < start_->time)) firstStep_ = step;
        step_ = step;
    }
    if (!batch.rankMe.isEmpty()) rankMe_ = batch.rankMe.last();
}

std::optional<double> TrainingProgress::secondsLeft() const {
    if (!start_ || !step_ || !firstStep_ || step_->iteration <= firstStep_->iteration || step_->time <= firstStep_->time) return std::nullopt;
    const double secondsPerIteration = (step_->time - firstStep_->time) / double(step_->iteration - firstStep_->iteration);
    return secondsPerIteration * double(qMax<qint64>(0, start_->totalIterations - step_->iteration - 1));
}

QString TrainingProgress::summary() const {
    if (!step_) return start_ ? tr("Started on %1, preparing data…").arg(start_->device) : QString();
    QStringList parts;
    const QString epochs = start_ ? QStringLiteral(" / %1").arg(start_->epochs) : QString();
    const QString iterations = start_ ? QStringLiteral(" / %1").arg(start_->totalIterations) : QString();
    parts << tr("Epoch %1%2").arg(step_->epoch + 1).arg(epochs) << tr("iteration %1%2").arg(step_->iteration + 1).arg(iterations)
          << tr("%1 samples/s").arg(step_->samplesPerSecond, 0, 'f', 1);
    if (const std::optional<double> left = secondsLeft(); left && *left > 0.0) parts << tr("%1 left").arg(formatDuration(*left));
    parts << tr("loss %1 (m2d %2, off %3)").arg(step_->loss, 0, 'g', 4).arg(step_->lossM2d, 0, 'g', 4).arg(step_->lossOff, 0, 'g', 4);
    if (rankMe_) parts << tr("RankMe %1").arg(rankMe_->rankMe, 0, 'f', 1);
    if (step_->memoryMib > 0.0) parts << tr("%1 MiB").arg(step_->memoryMib, 0, 'f', 0);
    return parts.join(QStringLiteral(" · "));
}

QString TrainingProgress::formatDuration(double seconds) {
    const qint64 s = qint64(std::llround(qMax(0.0, seconds)));
    if (s < 60) return tr("%1 s").arg(s);
    if (s < 3600) return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    if (s < 86400) return tr("%1 h %2 min").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 d %2 h").arg(s / 86400).arg(s / 3600 % 24, 2, 10, QLatin1Char('0'));
}

}  // namespace m2ds
