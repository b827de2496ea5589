#pragma once
#include <QString>

class QCustomPlot;

namespace m2ds {

/// Saves `plot` as it is drawn, by the suffix of `path`: .png (twice the widget's pixels) or .pdf (vector). Written
/// next to `path` first and renamed over it, so an existing file is replaced whole or not at all. Returns an empty
/// string, or one line naming the file and the problem.
QString savePlotImage(QCustomPlot& plot, const QString& path);

/// The file-dialog filter of the formats savePlotImage writes.
QString plotImageFilter();

}  // namespace m2ds
