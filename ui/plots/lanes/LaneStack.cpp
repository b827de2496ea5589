#include "plots/lanes/LaneStack.h"

#include <QMenu>
#include <QVBoxLayout>
#include <algorithm>
#include <qcustomplot.h>

namespace m2ds {
namespace {
constexpr double kMinimumSpanSeconds = 0.02;
constexpr int kClickSlackPixels = 3;
}  // namespace

LaneStack::LaneStack(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    plot_->plotLayout()->clear();  // the lanes bring their own axis rects
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->setNoAntialiasingOnDrag(true);
    plot_->setContextMenuPolicy(Qt::CustomContextMenu);
    margins_ = new QCPMarginGroup(plot_);
    plot_->addLayer(QStringLiteral("cursor"), plot_->layer(QStringLiteral("main")), QCustomPlot::limAbove);  // above every lane's plottables
    connect(plot_, &QCustomPlot::mouseMove, this, &LaneStack::onMouseMove);
    connect(plot_, &QCustomPlot::mousePress, this, &LaneStack::onMousePress);
    connect(plot_, &QCustomPlot::mouseRelease, this, &LaneStack::onMouseRelease);
    connect(plot_, &QWidget::customContextMenuRequested, this, &LaneStack::showContextMenu);
}

LaneStack::~LaneStack() {
    // Lanes left out of the layout go back in, so that the plot deletes their axis rects with everything else.
    QCPLayoutGrid* layout = plot_->plotLayout();
    for (Entry& entry : entries_) {
        if (!entry.rect->layout()) layout->addElement(layout->rowCount(), 0, entry.rect);
        QCPLayoutElement* side = entry.lane->sideElement();
        if (side && !side->layout()) layout->addElement(layout->rowCount(), 1, side);
    }
}

Lane* LaneStack::addLane(std::unique_ptr<Lane> lane) {
    Entry entry;
    entry.rect = new QCPAxisRect(plot_);
    entry.rect->setObjectName(lane->id());
    entry.rect->setRangeDrag(Qt::Horizontal);
    entry.rect->setRangeZoom(Qt::Horizontal);
    entry.rect->setRangeZoomFactor(0.85);
    QCPAxis* time = entry.rect->axis(QCPAxis::atBottom);
    time->setRange(begin_, end_);
    connect(time, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, &LaneStack::onTimeRangeChanged);
    lane->attach(entry.rect);
    lane->setRecording(recording_);
    plot_->plotLayout()->addElement(plot_->plotLayout()->rowCount(), 0, entry.rect);  // an item needs a rect in the layout
    entry.cursor = new QCPItemStraightLine(plot_);
    entry.cursor->setClipAxisRect(entry.rect);
    entry.cursor->setLayer(QStringLiteral("cursor"));
    for (QCPItemPosition* position : {entry.cursor->point1, entry.cursor->point2}) position->setAxes(time, entry.rect->axis(QCPAxis::atLeft));
    entry.cursor->setPen(QPen(QColor(0xe0, 0x40, 0x40), 1.5));
    entry.lane = std::move(lane);
    entries_.push_back(std::move(entry));
    setPlayPosition(playPosition_);
    refresh();
    return entries_.back().lane.get();
}

LaneOverlay* LaneStack::addOverlay(const QString& laneId, std::unique_ptr<LaneOverlay> overlay) {
    Entry* entry = find(laneId);
    Q_ASSERT_X(entry, "LaneStack::addOverlay", "no such lane");
    overlay->attach(entry->rect);
    overlay->setRecording(recording_);
    entry->overlays.push_back(std::move(overlay));
    redrawVisible();
    return entry->overlays.back().get();
}

void LaneStack::setLaneShown(const QString& laneId, bool shown) {
    Entry* entry = find(laneId);
    if (!entry || entry->shown == shown) return;
    entry->shown = shown;
    refresh();
    emit lanesChanged();
}

bool LaneStack::isLaneShown(const QString& laneId) const {
    const Entry* entry = find(laneId);
    return entry && entry->shown;
}

void LaneStack::moveLane(const QString& laneId, int index) {
    const auto from = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.lane->id() == laneId; });
    if (from == entries_.end()) return;
    const auto to = entries_.begin() + std::clamp(index, 0, int(entries_.size()) - 1);
    if (from == to) return;
    if (from < to)
        std::rotate(from, from + 1, to + 1);
    else
        std::rotate(to, from, from + 1);
    refresh();
    emit lanesChanged();
}

QStringList LaneStack::laneOrder() const {
    QStringList ids;
    for (const Entry& entry : entries_) ids << entry.lane->id();
    return ids;
}

QStringList LaneStack::visibleLanes() const {
    QStringList ids;
    for (const Entry& entry : entries_)
        if (entry.onScreen()) ids << entry.lane->id();
    return ids;
}

QCPAxisRect* LaneStack::laneRect(const QString& laneId) const {
    const Entry* entry = find(laneId);
    return entry ? entry->rect : nullptr;
}

void LaneStack::populateLaneMenu(QMenu* menu, const QString& laneId) {
    const QStringList order = laneOrder();
    const int index = int(order.indexOf(laneId));
    if (index >= 0) {
        menu->addAction(tr("Move Lane &Up"), this, [this, laneId, index] { moveLane(laneId, index - 1); })->setEnabled(index > 0);
        menu->addAction(tr("Move Lane &Down"), this, [this, laneId, index] { moveLane(laneId, index + 1); })
            ->setEnabled(index + 1 < order.size());
        menu->addSeparator();
    }
    for (const Entry& entry : entries_) {
        const QString id = entry.lane->id();
        QAction* toggle = menu->addAction(entry.lane->title(), this, [this, id](bool checked) { setLaneShown(id, checked); });
        toggle->setCheckable(true);
        toggle->setChecked(entry.shown);
        if (!entry.lane->hasContent()) toggle->setToolTip(tr("Nothing to show yet"));
    }
}

void LaneStack::refresh() {
    relayout();
    redrawVisible();
}

void LaneStack::setRecording(RecordingDataPtr recording) {
    recording_ = std::move(recording);
    for (Entry& entry : entries_) {
        entry.lane->setRecording(recording_);
        for (auto& overlay : entry.overlays) overlay->setRecording(recording_);
    }
    relayout();
    setPlayPosition(0.0);
    zoomToFit();
    redrawVisible();
}

void LaneStack::setVisibleRange(double begin, double end) {
    onTimeRangeChanged(QCPRange(begin, end));  // clamps, syncs every lane, redraws
}

void LaneStack::zoomBy(double factor) {
    const double centre = (begin_ + end_) / 2, half = (end_ - begin_) / 2 / factor;
    setVisibleRange(centre - half, centre + half);
}

void LaneStack::zoomToFit() { setVisibleRange(0.0, duration()); }

void LaneStack::panBy(double fraction) {
    const double shift = (end_ - begin_) * fraction;
    setVisibleRange(begin_ + shift, end_ + shift);
}

void LaneStack::setPlayPosition(double seconds) {
    playPosition_ = seconds;
    for (Entry& entry : entries_) {
        entry.cursor->point1->setCoords(seconds, 0.0);
        entry.cursor->point2->setCoords(seconds, 1.0);
        entry.cursor->setVisible(recording_ && entry.onScreen());
    }
    const double span = end_ - begin_;
    if (recording_ && (seconds < begin_ || seconds > end_)) setVisibleRange(seconds - 0.1 * span, seconds + 0.9 * span);  // page along
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void LaneStack::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    redrawVisible();
}

LaneStack::Entry* LaneStack::find(const QString& laneId) {
    for (Entry& entry : entries_)
        if (entry.lane->id() == laneId) return &entry;
    return nullptr;
}

const LaneStack::Entry* LaneStack::find(const QString& laneId) const { return const_cast<LaneStack*>(this)->find(laneId); }

const LaneStack::Entry* LaneStack::entryAt(const QPointF& pixel) const {
    for (const Entry& entry : entries_)
        if (entry.onScreen() && entry.rect->rect().contains(pixel.toPoint())) return &entry;
    return nullptr;
}

void LaneStack::takeOutOfLayout(Entry& entry) {
    QCPLayoutGrid* layout = plot_->plotLayout();
    for (QCPLayoutElement* element : {static_cast<QCPLayoutElement*>(entry.rect), entry.lane->sideElement()})
        if (element && element->layout() == layout) layout->take(element);
}

void LaneStack::relayout() {
    QCPLayoutGrid* layout = plot_->plotLayout();
    for (Entry& entry : entries_) takeOutOfLayout(entry);
    layout->simplify();
    QList<double> stretch;
    for (Entry& entry : entries_) {
        const bool on = entry.onScreen();
        QCPLayoutElement* side = entry.lane->sideElement();
        entry.rect->setVisible(on);
        entry.cursor->setVisible(on && recording_);
        if (side) side->setVisible(on);
        entry.rect->setMarginGroup(QCP::msLeft | QCP::msRight, on ? margins_ : nullptr);
        if (!on) continue;
        const int row = int(stretch.size());
        layout->addElement(row, 0, entry.rect);
        if (side) layout->addElement(row, 1, side);
        stretch << entry.lane->heightWeight();
    }
    if (!stretch.isEmpty()) layout->setRowStretchFactors(stretch);
    labelTimeAxes();
}

void LaneStack::labelTimeAxes() {
    const QStringList visible = visibleLanes();
    for (Entry& entry : entries_) {
        const bool bottom = !visible.isEmpty() && entry.lane->id() == visible.last();
        QCPAxis* time = entry.rect->axis(QCPAxis::atBottom);
        time->setTickLabels(bottom);
        time->setLabel(bottom ? tr("time (s)") : QString());
    }
}

double LaneStack::duration() const { return recording_ ? recording_->durationSeconds() : 1.0; }

void LaneStack::onTimeRangeChanged(const QCPRange& requested) {
    if (syncing_) return;
    const double total = duration();
    const double span = std::clamp(requested.size(), std::min(kMinimumSpanSeconds, total), total);
    begin_ = std::clamp(requested.center() - span / 2, 0.0, total - span);
    end_ = begin_ + span;
    syncing_ = true;
    for (Entry& entry : entries_) entry.rect->axis(QCPAxis::atBottom)->setRange(begin_, end_);
    syncing_ = false;
    redrawVisible();
    emit visibleRangeChanged(begin_, end_);
}

void LaneStack::redrawVisible() {
    for (auto phase : {QCPLayoutElement::upPreparation, QCPLayoutElement::upMargins, QCPLayoutElement::upLayout})
        plot_->plotLayout()->update(phase);  // so that the lanes' widths and common margins are current
    const QStringList visible = visibleLanes();
    if (!recording_ || visible.isEmpty()) {
        plot_->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const TimeWindow window{begin_, end_, std::max(16, laneRect(visible.first())->width())};
    for (Entry& entry : entries_) {
        if (!entry.onScreen()) continue;
        entry.lane->draw(window);
        for (auto& overlay : entry.overlays) overlay->draw(window);
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

double LaneStack::secondsAt(double x) const {
    const QStringList visible = visibleLanes();
    return visible.isEmpty() ? 0.0 : laneRect(visible.first())->axis(QCPAxis::atBottom)->pixelToCoord(x);
}

void LaneStack::onMouseMove(QMouseEvent* event) {
    if (!recording_) return;
    const double seconds = secondsAt(event->position().x());
    if (seconds < 0 || seconds > duration()) {
        emit readoutChanged({});
        return;
    }
    const Entry* entry = entryAt(event->position());
    const QString text = entry ? entry->lane->readout(seconds, entry->rect->axis(QCPAxis::atLeft)->pixelToCoord(event->position().y())) : QString();
    emit readoutChanged(text.isEmpty() ? tr("%1 s").arg(seconds, 0, 'f', 3) : text);
}

void LaneStack::onMousePress(QMouseEvent* event) { pressPosition_ = event->pos(); }

void LaneStack::onMouseRelease(QMouseEvent* event) {
    if (!recording_ || event->button() != Qt::LeftButton || (event->pos() - pressPosition_).manhattanLength() > kClickSlackPixels) return;
    const Entry* entry = entryAt(event->position());
    if (!entry) return;
    const double seconds = std::clamp(secondsAt(event->position().x()), 0.0, duration());
    setPlayPosition(seconds);
    emit positionClicked(seconds);
    const double value = entry->rect->axis(QCPAxis::atLeft)->pixelToCoord(event->position().y());
    emit pointClicked(entry->lane->id(), seconds, value);
    QStringList parts{entry->lane->describeClick(seconds, value)};
    for (const auto& overlay : entry->overlays) parts << overlay->describeAt(seconds, value);
    parts.removeAll(QString());
    if (!parts.isEmpty()) emit laneClicked(entry->lane->id(), parts.join(QStringLiteral(" ")));
}

void LaneStack::showContextMenu(const QPoint& position) {
    const Entry* entry = entryAt(position);
    QMenu menu(this);
    populateLaneMenu(&menu, entry ? entry->lane->id() : QString());
    menu.exec(plot_->mapToGlobal(position));
}

}  // namespace m2ds
