#include "plots/lanes/FrameSimilarityLane.h"

#include <cmath>
#include <qcustomplot.h>

namespace m2ds {

void FrameSimilarityLane::attach(QCPAxisRect* rect) {
    rect_ = rect;
    rect->axis(QCPAxis::atLeft)->setLabel(tr("cosine"));
    rect->axis(QCPAxis::atLeft)->setRange(-1.05, 1.05);
    curve_ = new QCPGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    curve_->setLineStyle(QCPGraph::lsStepCenter);
    curve_->setPen(QPen(QColor(200, 60, 40), 1.2));
}

void FrameSimilarityLane::setRecording(const RecordingDataPtr& recording) {
    Q_UNUSED(recording);
    setSimilarity(nullptr);
}

void FrameSimilarityLane::setSimilarity(FrameSimilarityDataPtr similarity) {
    data_ = std::move(similarity);
    QVector<double> keys, values;
    if (data_)
        for (std::size_t f = 0; f < data_->cosine.size(); ++f) {
            keys << (double(f) + 0.5) * data_->secondsPerFrame;
            values << data_->cosine[f];
        }
    curve_->setData(keys, values, true);
    if (data_) rect_->axis(QCPAxis::atLeft)->setLabel(tr("cos to %1").arg(data_->frame));
}

void FrameSimilarityLane::draw(const TimeWindow& window) { Q_UNUSED(window); }  // QCPGraph samples what is in view itself

QString FrameSimilarityLane::readout(double seconds, double value) const {
    Q_UNUSED(value);
    if (!data_ || seconds < 0.0) return {};
    const auto frame = std::size_t(std::floor(seconds / data_->secondsPerFrame));
    if (frame >= data_->cosine.size()) return {};
    return tr("%1 s · layer %2, frame %3 · cosine similarity to frame %4: %5")
        .arg(seconds, 0, 'f', 3).arg(data_->layer).arg(frame).arg(data_->frame).arg(data_->cosine[frame], 0, 'f', 3);
}

int FrameSimilarityLane::pointCount() const { return curve_->dataCount(); }

}  // namespace m2ds
