#pragma once
#include <QString>
#include <vector>

#include "views/RunProbeData.h"

namespace m2ds {

/// The `checkpoint-*.safetensors` a run saved in `folder` (core's TrainingCheckpoint::listIn), in training order:
/// by epoch, a stop inside an epoch before its end, names of another form first in the order they were written.
/// Empty when the folder holds none or does not exist.
std::vector<RunCheckpoint> runCheckpoints(const QString& folder);

}  // namespace m2ds
