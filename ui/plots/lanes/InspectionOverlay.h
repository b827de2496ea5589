#pragma once
#include <QCoreApplication>
#include <vector>

#include "plots/lanes/LaneOverlay.h"
#include "views/InspectionData.h"

class QCPBars;
class QCPGraph;

namespace m2ds {

/// The Inspect marks over the spectrogram lane: the patch grid (when fewer than kMaxGridColumns patch columns are in
/// view) and every masked patch outlined and hatched (when a patch is at least kMinHatchPixels wide). The spectrogram
/// itself is never tinted; zoomed out, the mask and the losses are read from the PatchLossLane below.
class InspectionOverlay : public LaneOverlay {
    Q_DECLARE_TR_FUNCTIONS(InspectionOverlay)
public:
    /// framesPerSecond of the recording's log-mel; null data removes the marks.
    void setInspection(InspectionDataPtr data, double framesPerSecond);
    const InspectionDataPtr& inspection() const { return data_; }

    void attach(QCPAxisRect* rect) override;
    void setRecording(const RecordingDataPtr& recording) override;
    void draw(const TimeWindow& window) override;
    QString describeAt(double seconds, double value) const override;
    /// Masked patches hatched now.
    int hatchedCount() const;

    static constexpr int kMaxGridColumns = 400;
    static constexpr double kMinHatchPixels = 4.0;

private:
    void drawGrid(const TimeWindow& window, double columnSeconds);
    void drawHatching(const TimeWindow& window, double columnSeconds);
    QCPBars* hatchingForRow(int row);

    QCPAxisRect* rect_ = nullptr;
    QCPGraph* grid_ = nullptr;
    std::vector<QCPBars*> hatching_;  // one per patch row
    InspectionDataPtr data_;
    double framesPerSecond_ = 100.0;
};

}  // namespace m2ds
