#pragma once
// An SSH target nobody listens on, for the tests of what a refused connection does (header-only: the tests that use
// it link m2ds_app; the support library does not).
#include <QString>

#include "ProcessJob.h"
#include "training/LaunchTarget.h"

namespace m2ds::test {

/// "nobody" at 127.0.0.1 on a free port (its ssh is refused at once), working in `workingFolder`.
inline LaunchTarget unreachableTarget(const QString& workingFolder = QStringLiteral("/srv/m2ds")) {
    LaunchTarget target;
    target.name = QStringLiteral("nobody");
    target.kind = LaunchTarget::Kind::Ssh;
    target.address = QStringLiteral("127.0.0.1:%1").arg(freePort());
    target.workingFolder = workingFolder;
    return target;
}

}  // namespace m2ds::test
