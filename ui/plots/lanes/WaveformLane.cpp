#include "plots/lanes/WaveformLane.h"

#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace m2ds {

void WaveformLane::attach(QCPAxisRect* rect) {
    rect_ = rect;
    rect->axis(QCPAxis::atLeft)->setLabel(tr("amplitude"));
    const QColor color(0x2a, 0x78, 0x8e);
    upper_ = rect->parentPlot()->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    lower_ = rect->parentPlot()->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    for (QCPGraph* graph : {upper_, lower_}) graph->setPen(QPen(color));
    upper_->setBrush(QBrush(color));
    upper_->setChannelFillGraph(lower_);
}

void WaveformLane::setRecording(const RecordingDataPtr& recording) {
    data_ = recording;
    upper_->data()->clear();
    lower_->data()->clear();
    if (!data_) return;
    MinMaxPyramid::Range whole{};
    data_->samplesSummary->reduce(0, 0, double(data_->samples.size()), 1, &whole);
    const double peak = 1.05 * std::max({std::abs(whole.min), std::abs(whole.max), 1e-4f});
    rect_->axis(QCPAxis::atLeft)->setRange(-peak, peak);
}

void WaveformLane::draw(const TimeWindow& window) {
    if (!data_) return;
    const double rate = data_->sampleRate;
    const double first = window.begin * rate, last = std::min(window.end * rate, double(data_->samples.size()));
    QVector<double> keys, upper, lower;
    if (last - first <= 2.0 * window.columns) {  // zoomed in: the samples themselves, as a line
        for (auto i = std::size_t(std::max(0.0, std::floor(first))); i < std::size_t(std::ceil(last)); ++i) {
            keys << i / rate;
            upper << data_->samples[i];
        }
        upper_->setBrush(Qt::NoBrush);
        upper_->setData(keys, upper, true);
        lower_->data()->clear();
        return;
    }
    std::vector<MinMaxPyramid::Range> ranges(std::size_t(window.columns));
    data_->samplesSummary->reduce(0, first, last, window.columns, ranges.data());
    const double step = (last - first) / window.columns;
    for (int c = 0; c < window.columns; ++c) {
        keys << (first + (c + 0.5) * step) / rate;
        upper << ranges[std::size_t(c)].max;
        lower << ranges[std::size_t(c)].min;
    }
    upper_->setBrush(upper_->pen().color());
    upper_->setData(keys, upper, true);
    lower_->setData(keys, lower, true);
}

QString WaveformLane::readout(double seconds, double value) const {
    Q_UNUSED(value);
    if (!data_ || data_->samples.empty()) return {};
    const auto sample = std::min(std::size_t(seconds * data_->sampleRate), data_->samples.size() - 1);
    return tr("%1 s · amplitude %2").arg(seconds, 0, 'f', 3).arg(data_->samples[sample], 0, 'f', 4);
}

int WaveformLane::pointCount() const { return upper_->dataCount(); }

}  // namespace m2ds
