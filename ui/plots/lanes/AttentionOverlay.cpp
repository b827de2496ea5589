#include "plots/lanes/AttentionOverlay.h"

#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace m2ds {

void AttentionOverlay::attach(QCPAxisRect* rect) {
    rect_ = rect;
    QCustomPlot* plot = rect->parentPlot();
    tint_ = new QCPItemPixmap(plot);
    query_ = new QCPItemRect(plot);
    for (QCPItemPosition* position : {tint_->topLeft, tint_->bottomRight, query_->topLeft, query_->bottomRight})
        position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    tint_->setClipAxisRect(rect);
    query_->setClipAxisRect(rect);
    tint_->setScaled(true, Qt::IgnoreAspectRatio, Qt::FastTransformation);
    query_->setPen(QPen(Qt::white, 2.0));
    tint_->setVisible(false);
    query_->setVisible(false);
}

void AttentionOverlay::setRecording(const RecordingDataPtr& recording) {
    framesPerSecond_ = recording ? recording->framesPerSecond : 100.0;
    setAttention(nullptr);
}

void AttentionOverlay::setAttention(AttentionMapDataPtr map) {
    map_ = std::move(map);
    tint_->setVisible(bool(map_));
    query_->setVisible(bool(map_));
    drawnColumns_ = 0;
}

double AttentionOverlay::chunkStart() const { return double(map_->chunk) * map_->inputFrames / framesPerSecond_; }
double AttentionOverlay::columnSeconds() const { return map_->patchTime / framesPerSecond_; }

void AttentionOverlay::draw(const TimeWindow& window) {
    if (!map_) return;
    const AttentionMapData& m = *map_;
    const double start = chunkStart(), width = columnSeconds();
    const int first = std::clamp(int(std::floor((window.begin - start) / width)), 0, m.gridCols);
    const int last = std::clamp(int(std::ceil((window.end - start) / width)), first, m.gridCols);  // one past
    drawnColumns_ = last - first;
    tint_->setVisible(drawnColumns_ > 0);
    const float strongest = std::max(1e-12f, *std::max_element(m.weights.begin(), m.weights.end()));
    if (drawnColumns_ > 0) {
        QImage image(drawnColumns_, m.gridRows, QImage::Format_ARGB32);
        for (int row = 0; row < m.gridRows; ++row)
            for (int col = first; col < last; ++col) {
                const float share = m.weights[std::size_t(row * m.gridCols + col)] / strongest;
                image.setPixel(col - first, m.gridRows - 1 - row, qRgba(255, 110, 0, int(std::lround(215.0f * share))));
            }
        tint_->setPixmap(QPixmap::fromImage(image));
        tint_->topLeft->setCoords(start + first * width, m.gridRows * m.patchFrequency - 0.5);
        tint_->bottomRight->setCoords(start + last * width, -0.5);
    }
    const int row = m.token / m.gridCols, col = m.token % m.gridCols;
    query_->topLeft->setCoords(start + col * width, (row + 1) * m.patchFrequency - 0.5);
    query_->bottomRight->setCoords(start + (col + 1) * width, row * m.patchFrequency - 0.5);
}

QString AttentionOverlay::describeAt(double seconds, double value) const {
    if (!map_) return {};
    const AttentionMapData& m = *map_;
    const int col = int(std::floor((seconds - chunkStart()) / columnSeconds()));
    const int row = std::clamp(int(std::lround(value)) / m.patchFrequency, 0, m.gridRows - 1);
    if (col < 0 || col >= m.gridCols) return {};
    const QString head = m.head < 0 ? tr("mean of the heads") : tr("head %1").arg(m.head);
    return tr("Attention from patch %1 (block %2, %3): %4 (cls %5).")
        .arg(m.token).arg(m.layer).arg(head).arg(m.weights[std::size_t(row * m.gridCols + col)], 0, 'f', 4).arg(m.clsWeight, 0, 'f', 3);
}

}  // namespace m2ds
