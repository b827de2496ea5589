#pragma once
#include <QCoreApplication>

#include "plots/lanes/LaneOverlay.h"
#include "views/AttentionMapData.h"

class QCPItemPixmap;
class QCPItemRect;

namespace m2ds {

/// Over the spectrogram: where a clicked patch looks. Each patch of the query's model input is tinted orange with an
/// opacity proportional to the attention it gets (the strongest fully), the query patch is outlined. Drawn for the
/// visible patch columns only.
class AttentionOverlay : public LaneOverlay {
    Q_DECLARE_TR_FUNCTIONS(AttentionOverlay)
public:
    /// Null removes the map.
    void setAttention(AttentionMapDataPtr map);
    const AttentionMapDataPtr& attention() const { return map_; }

    void attach(QCPAxisRect* rect) override;
    void setRecording(const RecordingDataPtr& recording) override;
    void draw(const TimeWindow& window) override;
    QString describeAt(double seconds, double value) const override;
    /// Patch columns tinted now.
    int drawnColumns() const { return drawnColumns_; }

private:
    /// Seconds at which the query's model input starts, and one patch column's width.
    double chunkStart() const;
    double columnSeconds() const;

    QCPAxisRect* rect_ = nullptr;
    QCPItemPixmap* tint_ = nullptr;
    QCPItemRect* query_ = nullptr;
    AttentionMapDataPtr map_;
    double framesPerSecond_ = 100.0;
    int drawnColumns_ = 0;
};

}  // namespace m2ds
