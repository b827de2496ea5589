#include "plots/lanes/PatchDescription.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

namespace m2ds {

QString describePatch(const InspectionData& d, double framesPerSecond, double seconds, double melBin) {
    const auto tr = [](const char* text) { return QCoreApplication::translate("PatchDescription", text); };
    const double frame = seconds * framesPerSecond;
    const int chunk = int(std::floor(frame / d.inputFrames)) - d.firstChunk;
    if (frame < 0 || chunk < 0 || chunk >= d.chunkCount || frame >= double(d.recordingFrames)) return {};
    const int col = std::clamp(int((frame - double(d.firstChunk + chunk) * d.inputFrames) / d.patchTime), 0, d.gridCols - 1);
    const int row = std::clamp(int(melBin + 0.5) / d.patchFrequency, 0, d.gridRows - 1);
    const std::size_t token = d.index(chunk, row, col);
    const double first = double(d.firstChunk + chunk) * d.inputFrames + col * d.patchTime;
    const QString text = tr("Patch %1 of input %2 (row %3, column %4): frames %5–%6, %7–%8 s — ")
                             .arg(row * d.gridCols + col).arg(d.firstChunk + chunk).arg(row).arg(col)
                             .arg(first).arg(first + d.patchTime - 1)
                             .arg(first / framesPerSecond, 0, 'f', 2).arg((first + d.patchTime) / framesPerSecond, 0, 'f', 2);
    if (!d.masked[token]) return text + tr("visible: the encoder saw it.");
    if (!d.hasLosses()) return text + tr("masked.");
    const float loss = d.tokenLoss[token];
    return text + tr("masked; M2D loss %1 (cosine %2 between prediction and target).").arg(loss, 0, 'f', 4).arg(1.0 - loss / 2.0, 0, 'f', 4);
}

}  // namespace m2ds
