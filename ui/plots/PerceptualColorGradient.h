#pragma once
#include <qcustomplot.h>

namespace m2ds {

/// Viridis (perceptually uniform, colour-blind safe), built from its published stops: QCustomPlot 2.1 has none.
QCPColorGradient perceptualColorGradient();

}  // namespace m2ds
