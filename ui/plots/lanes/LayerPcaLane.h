#pragma once
#include <QCoreApplication>

#include "plots/lanes/Lane.h"
#include "views/LayerViewData.h"

class QCPItemPixmap;

namespace m2ds {

/// A strip with one colour per 20 ms frame: a layer's first three principal components (fitted on the recording) as
/// red, green and blue. Similar frames get similar colours, so phones and words show as runs. Click a frame to see
/// every frame's cosine similarity to it (FrameSimilarityLane). Drawn per pixel column of the visible range.
class LayerPcaLane : public Lane {
    Q_DECLARE_TR_FUNCTIONS(LayerPcaLane)
public:
    /// Null empties the lane.
    void setView(LayerViewDataPtr view);
    const LayerViewDataPtr& view() const { return view_; }

    QString id() const override { return QStringLiteral("layer-pca"); }
    QString title() const override { return tr("Layer PCA"); }
    double heightWeight() const override { return 0.5; }
    void attach(QCPAxisRect* rect) override;
    void setRecording(const RecordingDataPtr& recording) override;
    bool hasContent() const override { return bool(view_); }
    void draw(const TimeWindow& window) override;
    QString readout(double seconds, double value) const override;
    QString describeClick(double seconds, double value) const override;
    /// Pixel columns of the strip drawn now (0 before a draw).
    int drawnColumns() const { return drawnColumns_; }

private:
    /// The frame at `seconds`, or -1 outside the view.
    long frameAt(double seconds) const;

    QCPAxisRect* rect_ = nullptr;
    QCPItemPixmap* strip_ = nullptr;
    LayerViewDataPtr view_;
    int drawnColumns_ = 0;
};

}  // namespace m2ds
