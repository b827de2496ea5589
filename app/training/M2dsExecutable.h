#pragma once
#include <QString>

namespace m2ds {

/// Where the `m2ds` command line is: $M2DS_CLI when set (tests), else `m2ds` next to the running executable
/// (build/bin and an installed prefix alike).
QString m2dsExecutablePath();

}  // namespace m2ds
