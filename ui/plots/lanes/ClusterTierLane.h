#pragma once
#include <QCoreApplication>
#include <vector>

#include "plots/lanes/Lane.h"
#include "views/ClusterTiers.h"

class QCPColorMap;
class QCPItemText;

namespace m2ds {

/// A Praat-like tier under the spectrogram: the recording's cluster assignments as segments coloured by id (a
/// palette where consecutive ids differ strongly), the id written in segments wide enough for it. Hover: id, extent and
/// the distances to the nearest and second-nearest centroid. With a chosen cluster, the other segments fade.
class ClusterTierLane : public Lane {
    Q_DECLARE_TR_FUNCTIONS(ClusterTierLane)
public:
    /// null tiers empty the lane (the stack then leaves it out).
    void setTiers(ClusterTiersPtr tiers);
    /// Highlights cluster `id` (-1: none).
    void chooseCluster(int id);
    /// The segments of the recording shown (empty without tiers or when it was not assigned).
    const std::vector<ClusterSegment>& segments() const;
    /// The segment at `seconds`, or null.
    const ClusterSegment* segmentAt(double seconds) const;
    /// Pixel columns drawn last time (one cluster id or none each), for tests.
    int drawnColumns() const { return drawnColumns_; }
    /// Id labels drawn last time.
    int drawnLabels() const { return int(labels_.size()); }
    /// The colour of cluster `id` among `count`.
    static QColor colourOf(int id, int count);

    QString id() const override { return QStringLiteral("clusters"); }
    QString title() const override;
    double heightWeight() const override { return 0.35; }
    void attach(QCPAxisRect* rect) override;
    void setRecording(const RecordingDataPtr& recording) override;
    bool hasContent() const override;
    void draw(const TimeWindow& window) override;
    QString readout(double seconds, double value) const override;
    QString describeClick(double seconds, double value) const override;

private:
    void clearLabels();

    QCPAxisRect* rect_ = nullptr;
    QCPColorMap* map_ = nullptr;
    std::vector<QCPItemText*> labels_;
    ClusterTiersPtr tiers_;
    RecordingDataPtr recording_;
    int chosen_ = -1;
    int drawnColumns_ = 0;
};

}  // namespace m2ds
