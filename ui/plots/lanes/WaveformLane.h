#pragma once
#include <QCoreApplication>

#include "plots/lanes/Lane.h"

class QCPGraph;

namespace m2ds {

/// The recording's samples: min/max per pixel column from the MinMaxPyramid, or the samples themselves as a line
/// when fewer than two fall on a column.
class WaveformLane : public Lane {
    Q_DECLARE_TR_FUNCTIONS(WaveformLane)
public:
    QString id() const override { return QStringLiteral("waveform"); }
    QString title() const override { return tr("Waveform"); }
    void attach(QCPAxisRect* rect) override;
    void setRecording(const RecordingDataPtr& recording) override;
    void draw(const TimeWindow& window) override;
    QString readout(double seconds, double value) const override;
    /// Points drawn now.
    int pointCount() const;

private:
    QCPAxisRect* rect_ = nullptr;
    QCPGraph* upper_ = nullptr;
    QCPGraph* lower_ = nullptr;
    RecordingDataPtr data_;
};

}  // namespace m2ds
