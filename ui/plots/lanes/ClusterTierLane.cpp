#include "plots/lanes/ClusterTierLane.h"

#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace m2ds {
namespace {

/// Wider than this many pixels, a segment shows its id.
constexpr double kLabelPixels = 26.0;
/// At most this many id labels at once (a zoomed-out hour would otherwise make thousands).
constexpr int kMaxLabels = 300;

const std::vector<ClusterSegment>& noSegments() {
    static const std::vector<ClusterSegment> none;
    return none;
}

/// One colour stop per cluster at its level: with levelCount = k the map shows exactly these colours.
QCPColorGradient paletteFor(int count) {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    for (int id = 0; id < count; ++id) gradient.setColorStopAt(count > 1 ? double(id) / (count - 1) : 0.0, ClusterTierLane::colourOf(id, count));
    gradient.setLevelCount(std::max(2, count));
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(QColor(236, 236, 236));
    return gradient;
}

}  // namespace

QColor ClusterTierLane::colourOf(int id, int count) {
    Q_UNUSED(count);
    const double hue = std::fmod(id * 0.618033988749895, 1.0);  // golden-ratio steps: neighbouring ids far apart
    const bool alternate = id % 2 == 1;
    return QColor::fromHsvF(hue, alternate ? 0.55 : 0.8, alternate ? 0.95 : 0.78);
}

QString ClusterTierLane::title() const { return tiers_ ? tr("Clusters (%1)").arg(tiers_->name) : tr("Clusters"); }

void ClusterTierLane::attach(QCPAxisRect* rect) {
    rect_ = rect;
    QCPAxis* vertical = rect->axis(QCPAxis::atLeft);
    vertical->setLabel(tr("clusters"));
    vertical->setTickLabels(false);
    vertical->setTicks(false);
    vertical->setRange(0.0, 1.0);
    map_ = new QCPColorMap(rect->axis(QCPAxis::atBottom), vertical);
    map_->setInterpolate(false);
    map_->setTightBoundary(true);
}

void ClusterTierLane::setTiers(ClusterTiersPtr tiers) {
    tiers_ = std::move(tiers);
    chosen_ = -1;
    if (map_ && tiers_) {
        map_->setGradient(paletteFor(tiers_->clusterCount));
        map_->setDataRange(QCPRange(0.0, std::max(1, tiers_->clusterCount - 1)));
    }
}

void ClusterTierLane::chooseCluster(int id) { chosen_ = id; }

void ClusterTierLane::setRecording(const RecordingDataPtr& recording) { recording_ = recording; }

const std::vector<ClusterSegment>& ClusterTierLane::segments() const {
    if (!tiers_ || !recording_) return noSegments();
    const auto it = tiers_->segmentsByPath.constFind(recording_->path);
    return it == tiers_->segmentsByPath.constEnd() ? noSegments() : *it;
}

bool ClusterTierLane::hasContent() const { return !segments().empty(); }

const ClusterSegment* ClusterTierLane::segmentAt(double seconds) const {
    const auto& all = segments();
    const auto it = std::upper_bound(all.begin(), all.end(), seconds, [](double t, const ClusterSegment& s) { return t < s.end; });
    return it != all.end() && it->start <= seconds ? &*it : nullptr;
}

void ClusterTierLane::clearLabels() {
    for (QCPItemText* label : labels_) rect_->parentPlot()->removeItem(label);
    labels_.clear();
}

void ClusterTierLane::draw(const TimeWindow& window) {
    clearLabels();
    map_->data()->clear();
    drawnColumns_ = 0;
    if (!hasContent() || window.end <= window.begin) return;
    const int columns = std::max(1, window.columns);
    const double step = (window.end - window.begin) / columns;
    // Two identical rows: QCustomPlot sizes cells from the spacing of their centres.
    auto* cells = new QCPColorMapData(columns, 2, QCPRange(window.begin + 0.5 * step, window.end - 0.5 * step), QCPRange(0.25, 0.75));
    for (int c = 0; c < columns; ++c) {
        const ClusterSegment* segment = segmentAt(window.begin + (c + 0.5) * step);
        const bool shown = segment && (chosen_ < 0 || segment->cluster == chosen_);
        const double value = shown ? double(segment->cluster) : std::nan("");
        cells->setCell(c, 0, value);
        cells->setCell(c, 1, value);
    }
    map_->setData(cells, false);
    drawnColumns_ = columns;
    const double pixelsPerSecond = columns / (window.end - window.begin);
    for (const ClusterSegment& segment : segments()) {
        if (int(labels_.size()) >= kMaxLabels) break;
        if (segment.end < window.begin || segment.start > window.end) continue;
        if ((std::min(segment.end, window.end) - std::max(segment.start, window.begin)) * pixelsPerSecond < kLabelPixels) continue;
        if (chosen_ >= 0 && segment.cluster != chosen_) continue;
        auto* label = new QCPItemText(rect_->parentPlot());
        label->setClipAxisRect(rect_);
        label->setClipToAxisRect(true);
        label->position->setAxes(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
        label->position->setCoords(0.5 * (std::max(segment.start, window.begin) + std::min(segment.end, window.end)), 0.5);
        label->setText(QString::number(segment.cluster));
        label->setFont(QFont(label->font().family(), 8));
        labels_.push_back(label);
    }
}

QString ClusterTierLane::readout(double seconds, double value) const {
    Q_UNUSED(value);
    const ClusterSegment* segment = segmentAt(seconds);
    if (!segment) return {};
    return tr("cluster %1 · %2–%3 s · distance %4 (next nearest %5)")
        .arg(segment->cluster)
        .arg(segment->start, 0, 'f', 3)
        .arg(segment->end, 0, 'f', 3)
        .arg(double(segment->distance), 0, 'f', 2)
        .arg(double(segment->secondDistance), 0, 'f', 2);
}

QString ClusterTierLane::describeClick(double seconds, double value) const { return readout(seconds, value); }

}  // namespace m2ds
