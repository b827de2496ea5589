#pragma once
#include <QString>

namespace m2ds {

/// What `m2ds train --dry_run N` measured, from its one JSON line on stdout.
struct DryRunResult {
    int steps = 0;
    double samplesPerSecond = 0.0;
    double memoryMib = 0.0;
    double secondsPerEpoch = 0.0;
    double secondsTotal = 0.0;  ///< the whole schedule
    qint64 stepsPerEpoch = 0;
    qint64 totalIterations = 0;
    qint64 parameters = 0;
    QString device;
};

}  // namespace m2ds
