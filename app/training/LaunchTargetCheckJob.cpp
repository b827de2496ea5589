#include "training/LaunchTargetCheckJob.h"

namespace m2ds {

LaunchTargetCheckJob::LaunchTargetCheckJob(QObject* parent, QString controlFolder)
    : QObject(parent), queue_(QStringLiteral("launch-target-check"), JobQueue::Policy::LatestWins), controlFolder_(std::move(controlFolder)) {}

void LaunchTargetCheckJob::start(const LaunchTarget& target, const QString& runDirectory) {
    queue_.run<LaunchTargetReport>(
        [target, runDirectory, folder = controlFolder_](const ProgressMonitor&) {
            return LaunchTargetCheck::check(target, runDirectory, 1024, folder);
        },
        [this](int, LaunchTargetReport report) { emit finished(report); });
}

void LaunchTargetCheckJob::cancel() { queue_.cancelAll(); }

}  // namespace m2ds
