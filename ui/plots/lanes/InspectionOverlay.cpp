#include "plots/lanes/InspectionOverlay.h"

#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "plots/lanes/PatchDescription.h"

namespace m2ds {

void InspectionOverlay::setInspection(InspectionDataPtr data, double framesPerSecond) {
    data_ = std::move(data);
    framesPerSecond_ = framesPerSecond;
    if (grid_) grid_->data()->clear();
    for (QCPBars* bars : hatching_) bars->data()->clear();
}

void InspectionOverlay::attach(QCPAxisRect* rect) {
    rect_ = rect;
    grid_ = rect->parentPlot()->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    grid_->setPen(QPen(QColor(255, 255, 255, 110), 0));
    grid_->setAdaptiveSampling(false);
    grid_->setLineStyle(QCPGraph::lsLine);
}

void InspectionOverlay::setRecording(const RecordingDataPtr& recording) {
    setInspection(nullptr, recording ? recording->framesPerSecond : 100.0);
}

void InspectionOverlay::draw(const TimeWindow& window) {
    if (!data_) return;
    const double columnSeconds = data_->patchTime / framesPerSecond_;
    drawGrid(window, columnSeconds);
    drawHatching(window, columnSeconds);
}

void InspectionOverlay::drawGrid(const TimeWindow& window, double columnSeconds) {
    grid_->data()->clear();
    if ((window.end - window.begin) / columnSeconds > kMaxGridColumns) return;
    QVector<double> keys, values;
    const double nan = std::nan("");
    const double top = data_->gridRows * data_->patchFrequency - 0.5;
    for (double t = std::floor(window.begin / columnSeconds) * columnSeconds; t <= window.end; t += columnSeconds) {
        keys << t << t << t;
        values << -0.5 << top << nan;  // a vertical segment, then a gap
    }
    for (int row = 1; row < data_->gridRows; ++row) {
        const double bin = row * data_->patchFrequency - 0.5;
        keys << window.begin << window.end << window.end;
        values << bin << bin << nan;
    }
    grid_->setData(keys, values, true);
}

QCPBars* InspectionOverlay::hatchingForRow(int row) {
    while (int(hatching_.size()) <= row) {
        auto* bars = new QCPBars(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
        bars->setWidthType(QCPBars::wtPlotCoords);
        bars->setPen(QPen(QColor(255, 255, 255, 235), 1.2));
        bars->setBrush(QBrush(QColor(255, 255, 255, 200), Qt::BDiagPattern));
        bars->setAntialiased(false);
        hatching_.push_back(bars);
    }
    return hatching_[std::size_t(row)];
}

void InspectionOverlay::drawHatching(const TimeWindow& window, double columnSeconds) {
    for (QCPBars* bars : hatching_) bars->data()->clear();
    const double pixelsPerPatch = window.columns * columnSeconds / (window.end - window.begin);
    if (pixelsPerPatch < kMinHatchPixels) return;
    const InspectionData& d = *data_;
    const double chunkSeconds = d.inputFrames / framesPerSecond_;
    for (int row = 0; row < d.gridRows; ++row) {
        QCPBars* bars = hatchingForRow(row);
        bars->setWidth(columnSeconds);
        bars->setBaseValue(row * d.patchFrequency - 0.5);
        QVector<double> keys, heights;
        const int firstChunk = std::max(0, int(std::floor(window.begin / chunkSeconds)) - d.firstChunk);
        const int lastChunk = std::min(d.chunkCount - 1, int(std::floor(window.end / chunkSeconds)) - d.firstChunk);
        for (int chunk = firstChunk; chunk <= lastChunk; ++chunk)
            for (int col = 0; col < d.gridCols; ++col) {
                const double start = (double(d.firstChunk + chunk) * d.inputFrames + col * d.patchTime) / framesPerSecond_;
                if (!d.masked[d.index(chunk, row, col)] || start * framesPerSecond_ >= double(d.recordingFrames)) continue;
                if (start + columnSeconds < window.begin || start > window.end) continue;
                keys << start + 0.5 * columnSeconds;
                heights << d.patchFrequency;
            }
        bars->setData(keys, heights, true);
    }
}

QString InspectionOverlay::describeAt(double seconds, double value) const {
    return data_ ? describePatch(*data_, framesPerSecond_, seconds, value) : QString();
}

int InspectionOverlay::hatchedCount() const {
    int count = 0;
    for (QCPBars* bars : hatching_) count += bars->dataCount();
    return count;
}

}  // namespace m2ds
