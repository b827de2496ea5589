#pragma once
#include <QCoreApplication>

#include "plots/lanes/Lane.h"
#include "views/LayerViewData.h"

class QCPGraph;

namespace m2ds {

/// A curve of every frame's cosine similarity (−1 … 1) to the frame clicked in the layer PCA lane, in that layer.
class FrameSimilarityLane : public Lane {
    Q_DECLARE_TR_FUNCTIONS(FrameSimilarityLane)
public:
    /// Null empties the lane.
    void setSimilarity(FrameSimilarityDataPtr similarity);
    const FrameSimilarityDataPtr& similarity() const { return data_; }

    QString id() const override { return QStringLiteral("similarity"); }
    QString title() const override { return tr("Frame similarity"); }
    double heightWeight() const override { return 0.7; }
    void attach(QCPAxisRect* rect) override;
    void setRecording(const RecordingDataPtr& recording) override;
    bool hasContent() const override { return bool(data_); }
    void draw(const TimeWindow& window) override;
    QString readout(double seconds, double value) const override;
    /// Points of the curve.
    int pointCount() const;

private:
    QCPAxisRect* rect_ = nullptr;
    QCPGraph* curve_ = nullptr;
    FrameSimilarityDataPtr data_;
};

}  // namespace m2ds
