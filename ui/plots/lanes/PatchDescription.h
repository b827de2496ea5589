#pragma once
#include <QString>

#include "views/InspectionData.h"

namespace m2ds {

/// One line about the inspected patch at (seconds, mel bin): which input and token, its frames and times, visible or
/// masked and, with a predictor, its M2D loss. Empty when no inspected patch lies there.
QString describePatch(const InspectionData& data, double framesPerSecond, double seconds, double melBin);

}  // namespace m2ds
