#include "plots/lanes/SpectrogramLane.h"

#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "plots/MelFrequencyTicker.h"
#include "plots/PerceptualColorGradient.h"

namespace m2ds {
namespace {
constexpr double kDisplayedDynamicRange = 18.42;       // ln(1e8): 80 dB below the loudest mel cell
constexpr double kNaturalLogToDecibels = 4.342944819;  // 10 / ln(10)
}  // namespace

void SpectrogramLane::attach(QCPAxisRect* rect) {
    rect_ = rect;
    QCustomPlot* plot = rect->parentPlot();
    rect->axis(QCPAxis::atLeft)->setLabel(tr("frequency (mel bands)"));
    scale_ = new QCPColorScale(plot);
    scale_->axis()->setLabel(tr("ln mel power"));
    auto* rows = new QCPMarginGroup(plot);  // the scale spans exactly the lane's height
    rect->setMarginGroup(QCP::msTop | QCP::msBottom, rows);
    scale_->setMarginGroup(QCP::msTop | QCP::msBottom, rows);
    map_ = new QCPColorMap(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    map_->setColorScale(scale_);
    map_->setGradient(perceptualColorGradient());
    map_->setInterpolate(false);
}

QCPLayoutElement* SpectrogramLane::sideElement() const { return scale_; }

void SpectrogramLane::setRecording(const RecordingDataPtr& recording) {
    data_ = recording;
    map_->data()->clear();
    if (!data_) return;
    float loudest = -1e30f;
    MinMaxPyramid::Range whole{};
    for (int mel = 0; mel < data_->melCount; ++mel) {
        data_->logMelSummary->reduce(mel, 0, double(data_->frameCount), 1, &whole);
        loudest = std::max(loudest, whole.max);
    }
    scale_->setDataRange(QCPRange(loudest - kDisplayedDynamicRange, loudest));
    rect_->axis(QCPAxis::atLeft)->setTicker(QSharedPointer<QCPAxisTicker>(new MelFrequencyTicker(data_->melCentreHz)));
    rect_->axis(QCPAxis::atLeft)->setRange(-0.5, data_->melCount - 0.5);
}

void SpectrogramLane::draw(const TimeWindow& window) {
    if (!data_ || data_->frameCount == 0) return;
    const double fps = data_->framesPerSecond;
    const auto lastFrame = double(data_->frameCount - 1);
    const double first = std::clamp(std::floor(window.begin * fps), 0.0, lastFrame);
    const double last = std::clamp(std::ceil(window.end * fps), first, lastFrame) + 1.0;  // one past
    const int cells = int(std::min(double(window.columns), last - first));
    const double step = (last - first) / cells;
    auto* map = new QCPColorMapData(cells, data_->melCount, QCPRange((first + 0.5 * step - 0.5) / fps, (last - 0.5 * step - 0.5) / fps),
                                    QCPRange(0, data_->melCount - 1));
    std::vector<MinMaxPyramid::Range> ranges(static_cast<std::size_t>(cells));
    for (int mel = 0; mel < data_->melCount; ++mel) {
        data_->logMelSummary->reduce(mel, first, last, cells, ranges.data());  // loudest frame per column keeps transients
        for (int c = 0; c < cells; ++c) map->setCell(c, mel, ranges[std::size_t(c)].max);
    }
    map_->setData(map, false);
}

QString SpectrogramLane::readout(double seconds, double value) const {
    if (!data_ || data_->frameCount == 0) return {};
    const int mel = std::clamp(int(std::lround(value)), 0, data_->melCount - 1);
    const auto frame = std::min(std::size_t(std::lround(seconds * data_->framesPerSecond)), data_->frameCount - 1);
    const float level = data_->logMelAt(mel, frame);
    return tr("%1 s (frame %2) · mel band %3, %4 Hz · %5 ln power (%6 dB)")
        .arg(seconds, 0, 'f', 3).arg(frame).arg(mel).arg(data_->melCentreHz[std::size_t(mel)], 0, 'f', 0)
        .arg(level, 0, 'f', 2).arg(level * kNaturalLogToDecibels, 0, 'f', 1);
}

int SpectrogramLane::columnCount() const { return map_->data()->keySize(); }
int SpectrogramLane::rowCount() const { return map_->data()->valueSize(); }

}  // namespace m2ds
