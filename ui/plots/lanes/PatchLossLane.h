#pragma once
#include <QCoreApplication>

#include "plots/lanes/Lane.h"
#include "views/InspectionData.h"

class QCPColorMap;
class QCPColorScale;

namespace m2ds {

/// A strip under the spectrogram with one cell per inspected patch: visible patches light grey, masked ones coloured
/// by their M2D loss on a colour scale (or dark when the weights have no predictor). Readable at any zoom, where the
/// hatching over the spectrogram is too fine to see. Vertical coordinate: mel band, as in the spectrogram.
class PatchLossLane : public Lane {
    Q_DECLARE_TR_FUNCTIONS(PatchLossLane)
public:
    /// framesPerSecond of the recording's log-mel; null data empties the lane (and the stack leaves it out).
    void setInspection(InspectionDataPtr data, double framesPerSecond);

    QString id() const override { return QStringLiteral("patches"); }
    QString title() const override { return tr("Mask and M2D loss"); }
    double heightWeight() const override { return 0.6; }
    void attach(QCPAxisRect* rect) override;
    QCPLayoutElement* sideElement() const override;
    void setRecording(const RecordingDataPtr& recording) override;
    bool hasContent() const override { return bool(data_); }
    void draw(const TimeWindow& window) override;
    QString readout(double seconds, double value) const override;
    QString describeClick(double seconds, double value) const override;
    /// Cells of the map: patch columns of the inspected inputs, and rows (at least 2).
    int columnCount() const;
    int rowCount() const;

private:
    void fill();

    QCPAxisRect* rect_ = nullptr;
    QCPColorMap* map_ = nullptr;
    QCPColorScale* scale_ = nullptr;
    InspectionDataPtr data_;
    double framesPerSecond_ = 100.0;
};

}  // namespace m2ds
