#pragma once
#include <QObject>
#include <functional>

#include "training/LaunchTargetCheckJob.h"

namespace m2ds {

class RemoteTrainingController;

/// Start and Resume on a remote target: LaunchTargetCheck of the run's folder first (off the GUI thread), the launch
/// only once it passed. Says what is checked, what was found, or why nothing was launched — under where the run stood
/// (e.g. how it ended), so that a failed or cancelled check does not hide it. The home the check read is handed to
/// the remote run, which then needs no second round trip for `~` paths.
class CheckedLaunch : public QObject {
    Q_OBJECT
public:
    /// remote: the controller whose target is checked and whose run gets the home; kept by reference.
    explicit CheckedLaunch(RemoteTrainingController& remote, QObject* parent = nullptr);

    /// Checks the controller's target for a run in the host folder `runDirectory`, then calls `launch` when it passed.
    /// runState: where the run stands now (empty: nothing to keep), shown above the check's problems. Replaces a check
    /// in flight.
    void start(const QString& runDirectory, std::function<void()> launch, const QString& runState = {});
    /// Drops the check in flight: nothing is launched and nothing is said.
    void cancel();
    /// Stop pressed during the check: drops it and says so (stateLine).
    void stop();
    /// True while a check is in flight.
    bool isChecking() const { return bool(launch_); }

signals:
    /// The line the page shows: checking, ready, or (problem) why nothing was launched.
    void stateLine(const QString& text, bool problem);
    /// A check began or ended (passed, failed or cancelled).
    void checkingChanged();

private:
    void onChecked(const LaunchTargetReport& report);
    /// `text` under the run's state given to start(), if any.
    QString underRunState(const QString& text) const;

    RemoteTrainingController& remote_;
    LaunchTargetCheckJob* check_;
    std::function<void()> launch_;  ///< what Start or Resume does once the check in flight passed; empty = none
    QString runState_;
};

}  // namespace m2ds
