#pragma once
#include <QString>

#include "views/InspectionData.h"

class QCustomPlot;
class QCPAxisRect;
class QCPColorMap;
class QCPGraph;

namespace m2ds {

/// The Inspect layers of a RecordingPlot: the patch grid (when zoomed in enough to see it), the training mask
/// (masked patches tinted) with each masked patch coloured by its M2D loss, and a strip under the spectrogram
/// with the offline head's output per patch column.
class InspectionOverlay {
public:
    /// Draws into `spectrogram`'s axes; adds its own strip below it in `plot`'s layout when there is offline output.
    InspectionOverlay(QCustomPlot* plot, QCPAxisRect* spectrogram);

    /// framesPerSecond of the recording's log-mel; data null hides everything.
    void setData(InspectionDataPtr data, double framesPerSecond);
    const InspectionDataPtr& data() const { return data_; }
    /// Rebuilds what lies in [begin, end] seconds.
    void redraw(double begin, double end);
    /// One line about the patch at (seconds, mel bin), or empty when no inspected patch is there.
    QString describeAt(double seconds, double melBin) const;

    static constexpr int kMaxGridColumns = 400;  ///< patch boundaries are drawn when fewer columns are visible

private:
    void drawMask();
    void drawOffline();
    void drawGrid(double begin, double end);

    QCustomPlot* plot_;
    QCPAxisRect* spectrogram_;
    QCPAxisRect* offlineRect_;
    QCPColorMap* lossMap_;
    QCPColorMap* offlineMap_;
    QCPGraph* grid_;
    InspectionDataPtr data_;
    double framesPerSecond_ = 100.0;
};

}  // namespace m2ds
