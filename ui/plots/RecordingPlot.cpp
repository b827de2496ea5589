#include "plots/RecordingPlot.h"

#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "plots/InspectionOverlay.h"
#include "plots/MelFrequencyTicker.h"
#include "views/MinMaxPyramid.h"
#include "plots/PerceptualColorGradient.h"

namespace m2ds {
namespace {
constexpr double kMinimumSpanSeconds = 0.02;
constexpr double kDisplayedDynamicRange = 18.42;  // ln(1e8): 80 dB below the loudest mel cell
constexpr double kNaturalLogToDecibels = 4.342944819;  // 10 / ln(10)
}  // namespace

RecordingPlot::RecordingPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    buildLayout();
    connect(plot_, &QCustomPlot::mouseMove, this, &RecordingPlot::onMouseMove);
    connect(plot_, &QCustomPlot::mousePress, this, &RecordingPlot::onMousePress);
    connect(plot_, &QCustomPlot::mouseRelease, this, &RecordingPlot::onMouseRelease);
}

RecordingPlot::~RecordingPlot() = default;

void RecordingPlot::buildLayout() {
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->setNoAntialiasingOnDrag(true);
    waveRect_ = plot_->axisRect();
    specRect_ = new QCPAxisRect(plot_);
    plot_->plotLayout()->addElement(1, 0, specRect_);
    plot_->plotLayout()->setRowStretchFactors({1.0, 3.0});
    colorScale_ = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(1, 1, colorScale_);
    colorScale_->axis()->setLabel(tr("ln mel power"));
    auto* margins = new QCPMarginGroup(plot_);
    for (QCPAxisRect* rect : {waveRect_, specRect_}) {
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
        rect->setRangeDrag(Qt::Horizontal);
        rect->setRangeZoom(Qt::Horizontal);
        rect->setRangeZoomFactor(0.85);
        connect(rect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
                &RecordingPlot::onTimeRangeChanged);
    }
    colorScale_->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    waveRect_->axis(QCPAxis::atBottom)->setTickLabels(false);
    waveRect_->axis(QCPAxis::atLeft)->setLabel(tr("amplitude"));
    specRect_->axis(QCPAxis::atBottom)->setLabel(tr("time (s)"));
    specRect_->axis(QCPAxis::atLeft)->setLabel(tr("frequency (mel bands)"));

    const QColor waveColor(0x2a, 0x78, 0x8e);
    waveUpper_ = plot_->addGraph(waveRect_->axis(QCPAxis::atBottom), waveRect_->axis(QCPAxis::atLeft));
    waveLower_ = plot_->addGraph(waveRect_->axis(QCPAxis::atBottom), waveRect_->axis(QCPAxis::atLeft));
    for (QCPGraph* graph : {waveUpper_, waveLower_}) graph->setPen(QPen(waveColor));
    waveUpper_->setBrush(QBrush(waveColor));
    waveUpper_->setChannelFillGraph(waveLower_);

    colorMap_ = new QCPColorMap(specRect_->axis(QCPAxis::atBottom), specRect_->axis(QCPAxis::atLeft));
    colorMap_->setColorScale(colorScale_);
    colorMap_->setGradient(perceptualColorGradient());
    colorMap_->setInterpolate(false);

    auto makeCursor = [this](QCPAxisRect* rect) {
        auto* line = new QCPItemStraightLine(plot_);
        line->setClipAxisRect(rect);
        for (QCPItemPosition* position : {line->point1, line->point2})
            position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        line->setPen(QPen(QColor(0xe0, 0x40, 0x40), 1.5));
        line->setVisible(false);
        return line;
    };
    waveCursor_ = makeCursor(waveRect_);
    specCursor_ = makeCursor(specRect_);
    overlay_ = std::make_unique<InspectionOverlay>(plot_, specRect_);
}

void RecordingPlot::setInspection(InspectionDataPtr data) {
    overlay_->setData(std::move(data), data_ ? data_->framesPerSecond : 100.0);
    redrawVisible();
}

const InspectionDataPtr& RecordingPlot::inspection() const { return overlay_->data(); }

void RecordingPlot::setRecording(RecordingDataPtr data) {
    data_ = std::move(data);
    overlay_->setData(nullptr, 100.0);
    waveCursor_->setVisible(bool(data_));
    specCursor_->setVisible(bool(data_));
    if (!data_) {
        waveUpper_->data()->clear();
        waveLower_->data()->clear();
        colorMap_->data()->clear();
        plot_->replot();
        return;
    }
    MinMaxPyramid::Range whole{};
    data_->samplesSummary->reduce(0, 0, double(data_->samples.size()), 1, &whole);
    const float peak = std::max(std::abs(whole.min), std::abs(whole.max));
    float loudest = -1e30f;
    for (int mel = 0; mel < data_->melCount; ++mel) {
        data_->logMelSummary->reduce(mel, 0, double(data_->frameCount), 1, &whole);
        loudest = std::max(loudest, whole.max);
    }
    waveRect_->axis(QCPAxis::atLeft)->setRange(-1.05 * std::max(peak, 1e-4f), 1.05 * std::max(peak, 1e-4f));
    colorScale_->setDataRange(QCPRange(loudest - kDisplayedDynamicRange, loudest));
    specRect_->axis(QCPAxis::atLeft)->setTicker(QSharedPointer<QCPAxisTicker>(new MelFrequencyTicker(data_->melCentreHz)));
    specRect_->axis(QCPAxis::atLeft)->setRange(-0.5, data_->melCount - 0.5);
    playPosition_ = 0.0;
    setPlayPosition(0.0);
    zoomToFit();
}

double RecordingPlot::visibleBegin() const { return specRect_->axis(QCPAxis::atBottom)->range().lower; }
double RecordingPlot::visibleEnd() const { return specRect_->axis(QCPAxis::atBottom)->range().upper; }

void RecordingPlot::setVisibleRange(double begin, double end) {
    specRect_->axis(QCPAxis::atBottom)->setRange(begin, end);  // onTimeRangeChanged clamps and syncs
}

void RecordingPlot::zoomBy(double factor) {
    const double centre = (visibleBegin() + visibleEnd()) / 2, half = (visibleEnd() - visibleBegin()) / 2 / factor;
    setVisibleRange(centre - half, centre + half);
}

void RecordingPlot::zoomToFit() { setVisibleRange(0.0, data_ ? data_->durationSeconds() : 1.0); }

void RecordingPlot::panBy(double fraction) {
    const double shift = (visibleEnd() - visibleBegin()) * fraction;
    setVisibleRange(visibleBegin() + shift, visibleEnd() + shift);
}

void RecordingPlot::setPlayPosition(double seconds) {
    playPosition_ = seconds;
    for (QCPItemStraightLine* line : {waveCursor_, specCursor_}) {
        line->point1->setCoords(seconds, 0.0);
        line->point2->setCoords(seconds, 1.0);
    }
    const double span = visibleEnd() - visibleBegin();
    if (data_ && (seconds < visibleBegin() || seconds > visibleEnd()))
        setVisibleRange(seconds - 0.1 * span, seconds + 0.9 * span);  // page along while playing
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void RecordingPlot::onTimeRangeChanged(const QCPRange& requested) {
    if (syncing_) return;
    const double duration = data_ ? data_->durationSeconds() : 1.0;
    double span = std::clamp(requested.size(), std::min(kMinimumSpanSeconds, duration), duration);
    double begin = std::clamp(requested.center() - span / 2, 0.0, duration - span);
    syncing_ = true;
    for (QCPAxisRect* rect : {waveRect_, specRect_}) rect->axis(QCPAxis::atBottom)->setRange(begin, begin + span);
    syncing_ = false;
    redrawVisible();
    emit visibleRangeChanged(begin, begin + span);
}

void RecordingPlot::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    redrawVisible();
}

void RecordingPlot::redrawVisible() {
    if (!data_) return;
    plot_->plotLayout()->update(QCPLayoutElement::upLayout);  // so the axis rect width is current
    const int columns = std::max(16, specRect_->width());
    drawWaveform(visibleBegin(), visibleEnd(), columns);
    drawSpectrogram(visibleBegin(), visibleEnd(), columns);
    overlay_->redraw(visibleBegin(), visibleEnd());
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void RecordingPlot::drawWaveform(double begin, double end, int columns) {
    const double rate = data_->sampleRate;
    const double first = begin * rate, last = std::min(end * rate, double(data_->samples.size()));
    QVector<double> keys, upper, lower;
    if (last - first <= 2.0 * columns) {  // zoomed in: the samples themselves, as a line
        for (auto i = std::size_t(std::max(0.0, std::floor(first))); i < std::size_t(std::ceil(last)); ++i) {
            keys << i / rate;
            upper << data_->samples[i];
        }
        waveUpper_->setBrush(Qt::NoBrush);
        waveUpper_->setData(keys, upper, true);
        waveLower_->data()->clear();
        return;
    }
    std::vector<MinMaxPyramid::Range> ranges(columns);
    data_->samplesSummary->reduce(0, first, last, columns, ranges.data());
    const double step = (last - first) / columns;
    for (int c = 0; c < columns; ++c) {
        keys << (first + (c + 0.5) * step) / rate;
        upper << ranges[c].max;
        lower << ranges[c].min;
    }
    waveUpper_->setBrush(waveUpper_->pen().color());
    waveUpper_->setData(keys, upper, true);
    waveLower_->setData(keys, lower, true);
}

void RecordingPlot::drawSpectrogram(double begin, double end, int columns) {
    const double fps = data_->framesPerSecond;
    const auto lastFrame = double(data_->frameCount - 1);
    const double first = std::clamp(std::floor(begin * fps), 0.0, lastFrame);
    const double last = std::clamp(std::ceil(end * fps), first, lastFrame) + 1.0;  // one past
    const int cells = int(std::min(double(columns), last - first));
    const double step = (last - first) / cells;
    auto* map = new QCPColorMapData(cells, data_->melCount, QCPRange((first + 0.5 * step - 0.5) / fps, (last - 0.5 * step - 0.5) / fps),
                                    QCPRange(0, data_->melCount - 1));
    std::vector<MinMaxPyramid::Range> ranges(cells);
    for (int mel = 0; mel < data_->melCount; ++mel) {
        data_->logMelSummary->reduce(mel, first, last, cells, ranges.data());  // loudest frame per column keeps transients
        for (int c = 0; c < cells; ++c) map->setCell(c, mel, ranges[c].max);
    }
    colorMap_->setData(map, false);
}

int RecordingPlot::spectrogramColumns() const { return colorMap_->data()->keySize(); }
int RecordingPlot::spectrogramRows() const { return colorMap_->data()->valueSize(); }
int RecordingPlot::waveformPoints() const { return waveUpper_->dataCount(); }

void RecordingPlot::onMousePress(QMouseEvent* event) { pressPosition_ = event->pos(); }

void RecordingPlot::onMouseRelease(QMouseEvent* event) {
    if (!data_ || (event->pos() - pressPosition_).manhattanLength() > 3) return;
    if (!waveRect_->rect().contains(event->pos()) && !specRect_->rect().contains(event->pos())) return;
    const double seconds = std::clamp(specRect_->axis(QCPAxis::atBottom)->pixelToCoord(event->pos().x()), 0.0,
                                      data_->durationSeconds());
    setPlayPosition(seconds);
    emit positionClicked(seconds);
    if (specRect_->rect().contains(event->pos())) {
        const QString patch = overlay_->describeAt(seconds, specRect_->axis(QCPAxis::atLeft)->pixelToCoord(event->pos().y()));
        if (!patch.isEmpty()) emit patchClicked(patch);
    }
}

void RecordingPlot::onMouseMove(QMouseEvent* event) { emit readoutChanged(readoutAt(event->position())); }

QString RecordingPlot::readoutAt(const QPointF& pixel) const {
    if (!data_) return {};
    const double seconds = specRect_->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x());
    if (seconds < 0 || seconds > data_->durationSeconds()) return {};
    const QString time = tr("%1 s").arg(seconds, 0, 'f', 3);
    if (waveRect_->rect().contains(pixel.toPoint())) {
        const auto sample = std::min(std::size_t(seconds * data_->sampleRate), data_->samples.size() - 1);
        return tr("%1 · amplitude %2").arg(time).arg(data_->samples[sample], 0, 'f', 4);
    }
    if (!specRect_->rect().contains(pixel.toPoint())) return time;
    const int mel = std::clamp(int(std::lround(specRect_->axis(QCPAxis::atLeft)->pixelToCoord(pixel.y()))), 0,
                               data_->melCount - 1);
    const auto frame = std::min(std::size_t(std::lround(seconds * data_->framesPerSecond)), data_->frameCount - 1);
    const float value = data_->logMelAt(mel, frame);
    return tr("%1 (frame %2) · mel band %3, %4 Hz · %5 ln power (%6 dB)")
        .arg(time).arg(frame).arg(mel).arg(data_->melCentreHz[mel], 0, 'f', 0)
        .arg(value, 0, 'f', 2).arg(value * kNaturalLogToDecibels, 0, 'f', 1);
}

}  // namespace m2ds
