#pragma once

class QCustomPlot;

namespace m2ds {

/// Moves `plot`'s legend out of its axis rect into a row above it, entries side by side (wrapping), so that it never
/// hides data; shows it in a small font.
void placeLegendAbovePlot(QCustomPlot& plot);

}  // namespace m2ds
