#include "training/CheckedLaunch.h"

#include <utility>

#include "training/RemoteTrainingController.h"

namespace m2ds {

CheckedLaunch::CheckedLaunch(RemoteTrainingController& remote, QObject* parent)
    : QObject(parent), remote_(remote), check_(new LaunchTargetCheckJob(this)) {
    connect(check_, &LaunchTargetCheckJob::finished, this, &CheckedLaunch::onChecked);
}

void CheckedLaunch::start(const QString& runDirectory, std::function<void()> launch, const QString& runState) {
    launch_ = std::move(launch);
    runState_ = runState;
    emit stateLine(tr("Checking %1 before the launch: the login, m2ds --version, free space for %2…").arg(remote_.target().name, runDirectory), false);
    check_->start(remote_.target(), runDirectory);
    emit checkingChanged();
}

void CheckedLaunch::cancel() {
    check_->cancel();
    if (std::exchange(launch_, nullptr)) emit checkingChanged();
}

void CheckedLaunch::stop() {
    cancel();
    emit stateLine(underRunState(tr("The check of %1 was cancelled; nothing was launched.").arg(remote_.target().name)), false);
}

void CheckedLaunch::onChecked(const LaunchTargetReport& report) {
    const std::function<void()> launch = std::exchange(launch_, nullptr);
    const QString name = remote_.target().name;
    if (!report.ok()) {
        emit stateLine(underRunState(tr("Nothing was launched on %1:").arg(name) + QLatin1Char('\n') + report.problems.join(QLatin1Char('\n'))), true);
        emit checkingChanged();
        return;
    }
    if (!report.home.isEmpty()) remote_.run()->setHome(report.home);
    emit stateLine(tr("%1 is ready: %2, %3 GiB free.").arg(name, report.remoteVersion).arg(double(report.freeMib) / 1024.0, 0, 'f', 1), false);
    emit checkingChanged();
    launch();
}

QString CheckedLaunch::underRunState(const QString& text) const { return runState_.isEmpty() ? text : runState_ + QLatin1Char('\n') + text; }

}  // namespace m2ds
