#include "plots/lanes/LayerPcaLane.h"

#include <cmath>
#include <qcustomplot.h>

namespace m2ds {

void LayerPcaLane::attach(QCPAxisRect* rect) {
    rect_ = rect;
    QCPAxis* axis = rect->axis(QCPAxis::atLeft);
    axis->setLabel(tr("PCA"));
    axis->setTickLabels(false);
    axis->setTicks(false);
    axis->setRange(0.0, 1.0);
    strip_ = new QCPItemPixmap(rect->parentPlot());
    strip_->setClipAxisRect(rect);
    strip_->topLeft->setAxes(rect->axis(QCPAxis::atBottom), axis);
    strip_->bottomRight->setAxes(rect->axis(QCPAxis::atBottom), axis);
    strip_->setScaled(true, Qt::IgnoreAspectRatio, Qt::FastTransformation);
    strip_->setVisible(false);
}

void LayerPcaLane::setRecording(const RecordingDataPtr& recording) {
    Q_UNUSED(recording);
    setView(nullptr);
}

void LayerPcaLane::setView(LayerViewDataPtr view) {
    view_ = std::move(view);
    strip_->setVisible(bool(view_));
    if (view_) rect_->axis(QCPAxis::atLeft)->setLabel(tr("PCA L%1").arg(view_->layer));
}

long LayerPcaLane::frameAt(double seconds) const {
    if (!view_ || seconds < 0.0) return -1;
    const auto frame = long(std::floor(seconds / view_->secondsPerFrame));
    return frame < long(view_->frames) ? frame : -1;
}

void LayerPcaLane::draw(const TimeWindow& window) {
    if (!view_) return;
    QImage image(window.columns, 1, QImage::Format_ARGB32);
    const double step = (window.end - window.begin) / window.columns;
    for (int column = 0; column < window.columns; ++column) {
        const long frame = frameAt(window.begin + (column + 0.5) * step);
        const uint8_t* rgb = frame >= 0 ? view_->rgb.data() + std::size_t(frame) * 3 : nullptr;
        image.setPixel(column, 0, rgb ? qRgb(rgb[0], rgb[1], rgb[2]) : qRgba(0, 0, 0, 0));
    }
    strip_->setPixmap(QPixmap::fromImage(image));
    strip_->topLeft->setCoords(window.begin, 1.0);
    strip_->bottomRight->setCoords(window.end, 0.0);
    drawnColumns_ = window.columns;
}

QString LayerPcaLane::readout(double seconds, double value) const {
    Q_UNUSED(value);
    const long frame = frameAt(seconds);
    if (frame < 0) return {};
    const uint8_t* rgb = view_->rgb.data() + std::size_t(frame) * 3;
    QStringList shares;
    for (double share : view_->explained) shares << QString::number(100.0 * share, 'f', 1) + " %";
    return tr("%1 s · layer %2, frame %3 · PC1–3 as RGB (%4, %5, %6) · variance explained %7 · click: similarity to this frame")
        .arg(seconds, 0, 'f', 3).arg(view_->layer).arg(frame).arg(rgb[0]).arg(rgb[1]).arg(rgb[2]).arg(shares.join(", "));
}

QString LayerPcaLane::describeClick(double seconds, double value) const {
    Q_UNUSED(value);
    const long frame = frameAt(seconds);
    return frame < 0 ? QString() : tr("Layer %1, frame %2 (%3 s): similarities below.").arg(view_->layer).arg(frame).arg(frame * view_->secondsPerFrame, 0, 'f', 2);
}

}  // namespace m2ds
