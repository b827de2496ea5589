#pragma once
#include <QCoreApplication>

#include "plots/lanes/Lane.h"
#include "views/InspectionData.h"

class QCPColorMap;

namespace m2ds {

/// The offline head's output (M2D-S's prediction of the teacher's features) per patch column of the inspected inputs,
/// one row per output dimension. Present only when the weights have an offline head.
class OfflineHeadLane : public Lane {
    Q_DECLARE_TR_FUNCTIONS(OfflineHeadLane)
public:
    /// framesPerSecond of the recording's log-mel; null data (or none from the head) empties the lane.
    void setInspection(InspectionDataPtr data, double framesPerSecond);

    QString id() const override { return QStringLiteral("offline"); }
    QString title() const override { return tr("Offline head"); }
    void attach(QCPAxisRect* rect) override;
    void setRecording(const RecordingDataPtr& recording) override;
    bool hasContent() const override { return data_ && data_->offlineDim > 0; }
    void draw(const TimeWindow& window) override;
    QString readout(double seconds, double value) const override;
    /// Cells of the map: patch columns and output dimensions.
    int columnCount() const;
    int rowCount() const;

private:
    void fill();

    QCPAxisRect* rect_ = nullptr;
    QCPColorMap* map_ = nullptr;
    InspectionDataPtr data_;
    double framesPerSecond_ = 100.0;
};

}  // namespace m2ds
