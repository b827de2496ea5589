#include "plots/lanes/OfflineHeadLane.h"

#include <cmath>
#include <qcustomplot.h>

#include "plots/PerceptualColorGradient.h"

namespace m2ds {

void OfflineHeadLane::attach(QCPAxisRect* rect) {
    rect_ = rect;
    rect->axis(QCPAxis::atLeft)->setLabel(tr("offline head"));
    map_ = new QCPColorMap(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    map_->setGradient(perceptualColorGradient());
    map_->setInterpolate(false);
}

void OfflineHeadLane::setRecording(const RecordingDataPtr& recording) {
    setInspection(nullptr, recording ? recording->framesPerSecond : 100.0);
}

void OfflineHeadLane::setInspection(InspectionDataPtr data, double framesPerSecond) {
    data_ = std::move(data);
    framesPerSecond_ = framesPerSecond;
    fill();
}

void OfflineHeadLane::fill() {
    map_->data()->clear();
    if (!hasContent()) return;
    const InspectionData& d = *data_;
    const int columns = d.chunkCount * d.gridCols;
    const double columnSeconds = d.patchTime / framesPerSecond_, start = double(d.firstChunk) * d.inputFrames / framesPerSecond_;
    auto* cells = new QCPColorMapData(columns, d.offlineDim, QCPRange(start + 0.5 * columnSeconds, start + (columns - 0.5) * columnSeconds),
                                      QCPRange(0, d.offlineDim - 1));
    for (int column = 0; column < columns; ++column)
        for (int dim = 0; dim < d.offlineDim; ++dim) cells->setCell(column, dim, d.offline[std::size_t(column) * std::size_t(d.offlineDim) + std::size_t(dim)]);
    map_->setData(cells, false);
    map_->rescaleDataRange(true);
    rect_->axis(QCPAxis::atLeft)->setRange(-0.5, d.offlineDim - 0.5);
}

void OfflineHeadLane::draw(const TimeWindow& window) { Q_UNUSED(window); }  // the map holds the inspected inputs only

QString OfflineHeadLane::readout(double seconds, double value) const {
    if (!hasContent()) return {};
    const InspectionData& d = *data_;
    const int column = int(std::floor(seconds * framesPerSecond_ / d.patchTime)) - d.firstChunk * d.gridCols;
    const int dim = int(std::lround(value));
    if (column < 0 || column >= d.chunkCount * d.gridCols || dim < 0 || dim >= d.offlineDim) return {};
    return tr("%1 s · offline head dimension %2: %3")
        .arg(seconds, 0, 'f', 3).arg(dim).arg(d.offline[std::size_t(column) * std::size_t(d.offlineDim) + std::size_t(dim)], 0, 'f', 3);
}

int OfflineHeadLane::columnCount() const { return map_->data()->keySize(); }
int OfflineHeadLane::rowCount() const { return map_->data()->valueSize(); }

}  // namespace m2ds
