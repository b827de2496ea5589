#pragma once
#include <QCoreApplication>

#include "plots/lanes/Lane.h"

class QCPColorMap;
class QCPColorScale;

namespace m2ds {

/// The M2D log-mel spectrogram (viridis, 80 dB below the loudest cell, Hz labels on the mel axis) with its colour
/// scale; the loudest frame of each pixel column, from the MinMaxPyramid, so transients survive zooming out.
/// Vertical coordinate: mel band (0 at the bottom).
class SpectrogramLane : public Lane {
    Q_DECLARE_TR_FUNCTIONS(SpectrogramLane)
public:
    QString id() const override { return QStringLiteral("spectrogram"); }
    QString title() const override { return tr("Spectrogram"); }
    double heightWeight() const override { return 3.0; }
    void attach(QCPAxisRect* rect) override;
    QCPLayoutElement* sideElement() const override;
    void setRecording(const RecordingDataPtr& recording) override;
    void draw(const TimeWindow& window) override;
    QString readout(double seconds, double value) const override;
    /// Cells drawn now: columns (at most one per pixel) and mel rows.
    int columnCount() const;
    int rowCount() const;

private:
    QCPAxisRect* rect_ = nullptr;
    QCPColorMap* map_ = nullptr;
    QCPColorScale* scale_ = nullptr;
    RecordingDataPtr data_;
};

}  // namespace m2ds
