#include "plots/lanes/PatchLossLane.h"

#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "plots/lanes/PatchDescription.h"

namespace m2ds {
namespace {

/// Dark red (well predicted) to pale yellow (poorly predicted); NaN cells (visible patches) light grey.
QCPColorGradient lossGradient() {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    gradient.setColorStopAt(0.0, QColor(70, 0, 90));
    gradient.setColorStopAt(0.45, QColor(200, 40, 60));
    gradient.setColorStopAt(0.75, QColor(245, 140, 30));
    gradient.setColorStopAt(1.0, QColor(255, 240, 120));
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(QColor(225, 225, 225));
    gradient.setLevelCount(128);
    return gradient;
}

}  // namespace

void PatchLossLane::attach(QCPAxisRect* rect) {
    rect_ = rect;
    QCustomPlot* plot = rect->parentPlot();
    QCPAxis* mel = rect->axis(QCPAxis::atLeft);
    mel->setLabel(tr("mask"));
    mel->setTickLabels(false);
    mel->setTicks(false);
    scale_ = new QCPColorScale(plot);
    scale_->setBarWidth(10);
    scale_->axis()->ticker()->setTickCount(3);
    auto* rows = new QCPMarginGroup(plot);
    rect->setMarginGroup(QCP::msTop | QCP::msBottom, rows);
    scale_->setMarginGroup(QCP::msTop | QCP::msBottom, rows);
    map_ = new QCPColorMap(rect->axis(QCPAxis::atBottom), mel);
    map_->setColorScale(scale_);
    map_->setGradient(lossGradient());
    map_->setInterpolate(false);
}

QCPLayoutElement* PatchLossLane::sideElement() const { return scale_; }

void PatchLossLane::setRecording(const RecordingDataPtr& recording) {
    setInspection(nullptr, recording ? recording->framesPerSecond : 100.0);
}

void PatchLossLane::setInspection(InspectionDataPtr data, double framesPerSecond) {
    data_ = std::move(data);
    framesPerSecond_ = framesPerSecond;
    fill();
}

void PatchLossLane::fill() {
    map_->data()->clear();
    if (!data_) return;
    const InspectionData& d = *data_;
    const int columns = d.chunkCount * d.gridCols;
    const int rows = std::max(2, d.gridRows);  // a single patch row is doubled so that QCustomPlot can size the cells
    const double columnSeconds = d.patchTime / framesPerSecond_;
    const double start = double(d.firstChunk) * d.inputFrames / framesPerSecond_;
    const double top = d.gridRows * d.patchFrequency;
    const double cellBins = top / rows;
    auto* cells = new QCPColorMapData(columns, rows, QCPRange(start + 0.5 * columnSeconds, start + (columns - 0.5) * columnSeconds),
                                      QCPRange(0.5 * cellBins - 0.5, (rows - 0.5) * cellBins - 0.5));
    float highest = 0.0f;
    for (int chunk = 0; chunk < d.chunkCount; ++chunk)
        for (int col = 0; col < d.gridCols; ++col)
            for (int cell = 0; cell < rows; ++cell) {
                const std::size_t token = d.index(chunk, d.gridRows == 1 ? 0 : cell, col);
                const double loss = d.hasLosses() ? double(d.tokenLoss[token]) : 0.0;
                cells->setCell(chunk * d.gridCols + col, cell, d.masked[token] ? loss : std::nan(""));
                if (d.masked[token] && !std::isnan(loss)) highest = std::max(highest, float(loss));
            }
    map_->setData(cells, false);
    map_->setDataRange(QCPRange(0.0, d.hasLosses() ? std::max(highest, 1e-3f) : 1.0));
    scale_->axis()->setLabel(d.hasLosses() ? tr("M2D loss") : tr("masked"));
    scale_->axis()->setTickLabels(d.hasLosses());
    rect_->axis(QCPAxis::atLeft)->setRange(-0.5, top - 0.5);
}

void PatchLossLane::draw(const TimeWindow& window) { Q_UNUSED(window); }  // the map holds the inspected inputs only

QString PatchLossLane::readout(double seconds, double value) const { return describeClick(seconds, value); }

QString PatchLossLane::describeClick(double seconds, double value) const {
    return data_ ? describePatch(*data_, framesPerSecond_, seconds, value) : QString();
}

int PatchLossLane::columnCount() const { return map_->data()->keySize(); }
int PatchLossLane::rowCount() const { return map_->data()->valueSize(); }

}  // namespace m2ds
