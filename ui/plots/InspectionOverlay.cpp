#include "plots/InspectionOverlay.h"

#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "plots/PerceptualColorGradient.h"

namespace m2ds {
namespace {

QCPColorGradient translucentLossGradient() {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    gradient.setColorStopAt(0.0, QColor(255, 255, 255, 110));  // well predicted
    gradient.setColorStopAt(0.5, QColor(255, 170, 0, 130));
    gradient.setColorStopAt(1.0, QColor(220, 0, 0, 160));      // poorly predicted
    gradient.setLevelCount(128);
    return gradient;
}

}  // namespace

InspectionOverlay::InspectionOverlay(QCustomPlot* plot, QCPAxisRect* spectrogram)
    : plot_(plot), spectrogram_(spectrogram), offlineRect_(new QCPAxisRect(plot)) {
    QCPAxis* time = spectrogram->axis(QCPAxis::atBottom);
    QCPAxis* mel = spectrogram->axis(QCPAxis::atLeft);
    lossMap_ = new QCPColorMap(time, mel);
    lossMap_->setInterpolate(false);
    lossMap_->setGradient(translucentLossGradient());
    grid_ = plot->addGraph(time, mel);
    grid_->setPen(QPen(QColor(255, 255, 255, 110), 0));
    grid_->setAdaptiveSampling(false);
    offlineRect_->setVisible(false);
    offlineRect_->axis(QCPAxis::atLeft)->setLabel(QObject::tr("offline head"));
    offlineRect_->axis(QCPAxis::atBottom)->setTickLabels(false);
    offlineRect_->setRangeDrag(Qt::Horizontal);
    offlineRect_->setRangeZoom(Qt::Horizontal);
    offlineMap_ = new QCPColorMap(offlineRect_->axis(QCPAxis::atBottom), offlineRect_->axis(QCPAxis::atLeft));
    offlineMap_->setGradient(perceptualColorGradient());
    offlineMap_->setInterpolate(false);
    if (QCPMarginGroup* margins = spectrogram->marginGroup(QCP::msLeft)) offlineRect_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    QObject::connect(time, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), offlineRect_->axis(QCPAxis::atBottom),
                     qOverload<const QCPRange&>(&QCPAxis::setRange));
}

void InspectionOverlay::setData(InspectionDataPtr data, double framesPerSecond) {
    data_ = std::move(data);
    framesPerSecond_ = framesPerSecond;
    drawMask();
    drawOffline();
}

void InspectionOverlay::drawMask() {
    lossMap_->setVisible(bool(data_));
    if (!data_) return;
    const InspectionData& d = *data_;
    const int columns = d.chunkCount * d.gridCols;
    // One cell per patch; a single frequency row is doubled so that QCustomPlot can size the cells.
    const int rows = std::max(2, d.gridRows);
    const double firstFrame = double(d.firstChunk) * d.inputFrames;
    const double columnSeconds = d.patchTime / framesPerSecond_;
    const double cellBins = 80.0 / rows;
    auto* cells = new QCPColorMapData(columns, rows,
                                      QCPRange(firstFrame / framesPerSecond_ + 0.5 * columnSeconds,
                                               firstFrame / framesPerSecond_ + (columns - 0.5) * columnSeconds),
                                      QCPRange(0.5 * cellBins - 0.5, (rows - 0.5) * cellBins - 0.5));
    float highest = 0.0f;
    for (float loss : d.tokenLoss)
        if (!std::isnan(loss)) highest = std::max(highest, loss);
    for (int chunk = 0; chunk < d.chunkCount; ++chunk)
        for (int col = 0; col < d.gridCols; ++col)
            for (int cell = 0; cell < rows; ++cell) {
                const int row = d.gridRows == 1 ? 0 : cell;
                const std::size_t token = d.index(chunk, row, col);
                const double value = !d.masked[token] ? std::nan("") : d.hasLosses() ? double(d.tokenLoss[token]) : 0.0;
                cells->setCell(chunk * d.gridCols + col, cell, value);
            }
    lossMap_->setData(cells, false);
    lossMap_->setDataRange(QCPRange(0.0, d.hasLosses() ? std::max(highest, 1e-3f) : 1.0));
}

void InspectionOverlay::drawOffline() {
    const bool show = data_ && data_->offlineDim > 0;
    QCPLayoutGrid* layout = plot_->plotLayout();
    if (show && !offlineRect_->visible()) {
        layout->addElement(2, 0, offlineRect_);
        layout->setRowStretchFactors({1.0, 3.0, 1.0});
    } else if (!show && offlineRect_->visible()) {
        layout->take(offlineRect_);
        layout->simplify();
    }
    offlineRect_->setVisible(show);
    if (!show) return;
    const InspectionData& d = *data_;
    const int columns = d.chunkCount * d.gridCols;
    const double columnSeconds = d.patchTime / framesPerSecond_, start = double(d.firstChunk) * d.inputFrames / framesPerSecond_;
    auto* cells = new QCPColorMapData(columns, d.offlineDim, QCPRange(start + 0.5 * columnSeconds, start + (columns - 0.5) * columnSeconds),
                                      QCPRange(0, d.offlineDim - 1));
    for (int column = 0; column < columns; ++column)
        for (int dim = 0; dim < d.offlineDim; ++dim) cells->setCell(column, dim, d.offline[std::size_t(column) * d.offlineDim + dim]);
    offlineMap_->setData(cells, false);
    offlineMap_->rescaleDataRange(true);
    offlineRect_->axis(QCPAxis::atLeft)->setRange(-0.5, d.offlineDim - 0.5);
    offlineRect_->axis(QCPAxis::atBottom)->setRange(spectrogram_->axis(QCPAxis::atBottom)->range());
}

void InspectionOverlay::redraw(double begin, double end) { drawGrid(begin, end); }

void InspectionOverlay::drawGrid(double begin, double end) {
    grid_->data()->clear();
    if (!data_) return;
    const double columnSeconds = data_->patchTime / framesPerSecond_;
    if ((end - begin) / columnSeconds > kMaxGridColumns) return;
    QVector<double> keys, values;
    const double nan = std::nan("");
    for (double t = std::floor(begin / columnSeconds) * columnSeconds; t <= end; t += columnSeconds) {
        keys << t << t << t;
        values << -0.5 << 79.5 << nan;  // a vertical segment, then a gap
    }
    for (int row = 1; row < data_->gridRows; ++row) {
        const double bin = row * data_->patchFrequency - 0.5;
        keys << begin << end << end;
        values << bin << bin << nan;
    }
    grid_->setData(keys, values, true);
    grid_->setLineStyle(QCPGraph::lsLine);
}

QString InspectionOverlay::describeAt(double seconds, double melBin) const {
    if (!data_) return {};
    const InspectionData& d = *data_;
    const double frame = seconds * framesPerSecond_;
    const int chunk = int(std::floor(frame / d.inputFrames)) - d.firstChunk;
    if (chunk < 0 || chunk >= d.chunkCount || frame >= double(d.recordingFrames)) return {};
    const int col = std::clamp(int((frame - double(d.firstChunk + chunk) * d.inputFrames) / d.patchTime), 0, d.gridCols - 1);
    const int row = std::clamp(int(melBin + 0.5) / d.patchFrequency, 0, d.gridRows - 1);
    const std::size_t token = d.index(chunk, row, col);
    const double first = double(d.firstChunk + chunk) * d.inputFrames + col * d.patchTime;
    QString text = QObject::tr("Patch %1 of input %2 (row %3, column %4): frames %5–%6, %7–%8 s — ")
                       .arg(row * d.gridCols + col).arg(d.firstChunk + chunk).arg(row).arg(col)
                       .arg(first).arg(first + d.patchTime - 1)
                       .arg(first / framesPerSecond_, 0, 'f', 2).arg((first + d.patchTime) / framesPerSecond_, 0, 'f', 2);
    if (!d.masked[token]) return text + QObject::tr("visible: the encoder saw it.");
    if (!d.hasLosses()) return text + QObject::tr("masked.");
    const float loss = d.tokenLoss[token];
    return text + QObject::tr("masked; M2D loss %1 (cosine %2 between prediction and target).").arg(loss, 0, 'f', 4).arg(1.0 - loss / 2.0, 0, 'f', 4);
}

}  // namespace m2ds
