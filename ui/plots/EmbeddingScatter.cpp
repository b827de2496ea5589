#include "plots/EmbeddingScatter.h"

#include <QFileInfo>
#include <QToolTip>
#include <algorithm>

#include "plots/lanes/ClusterTierLane.h"

namespace m2ds {
namespace {

constexpr double kPickRadiusPixels = 8.0;

QCPRange paddedRange(double low, double high) {
    const double margin = high > low ? 0.06 * (high - low) : 1.0;
    return QCPRange(low - margin, high + margin);
}

}  // namespace

EmbeddingScatter::EmbeddingScatter(QWidget* parent) : QCustomPlot(parent) {
    setMinimumSize(260, 200);
    legend->setVisible(true);
    legend->setFont(QFont(font().family(), 8));
    legend->setBrush(QColor(255, 255, 255, 200));  // points stay visible under it
    setMouseTracking(true);
    connect(this, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        const int index = pointAt(event->pos());
        if (index < 0) return;
        const ProbePoint& point = projection_.points[std::size_t(index)];
        emit pointClicked(point.file, point.frame);
    });
    connect(this, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        const int index = pointAt(event->pos());
        if (index < 0) return QToolTip::hideText();
        const ProbePoint& point = projection_.points[std::size_t(index)];
        const QString where = point.frame < 0 ? QString() : tr(" at %1 s").arg(point.frame * projection_.frameSeconds, 0, 'f', 2);
        QToolTip::showText(event->globalPosition().toPoint(), tr("%1%2 — click to inspect").arg(QFileInfo(point.file).fileName(), where), this);
    });
}

void EmbeddingScatter::setProjection(const ProbeProjection& projection, const QStringList& labelNames) {
    projection_ = projection;
    clearPlottables();
    if (!projection_.points.empty()) {
        std::vector<QVector<double>> xs(std::size_t(labelNames.size())), ys(xs.size());
        double left = projection_.points.front().x, right = left, bottom = projection_.points.front().y, top = bottom;
        for (const ProbePoint& point : projection_.points) {
            if (point.label < 0 || point.label >= labelNames.size()) continue;
            xs[std::size_t(point.label)] << point.x;
            ys[std::size_t(point.label)] << point.y;
            left = std::min(left, point.x);
            right = std::max(right, point.x);
            bottom = std::min(bottom, point.y);
            top = std::max(top, point.y);
        }
        for (int label = 0; label < labelNames.size(); ++label) {
            QCPGraph* graph = addGraph();
            const QColor colour = ClusterTierLane::colourOf(label, int(labelNames.size()));
            graph->setName(labelNames[label]);
            graph->setLineStyle(QCPGraph::lsNone);
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, 6));
            graph->setData(xs[std::size_t(label)], ys[std::size_t(label)]);
        }
        xAxis->setRange(paddedRange(left, right));
        yAxis->setRange(paddedRange(bottom, top));
    }
    xAxis->setLabel(tr("PC1 (%1 %)").arg(100.0 * projection_.explained[0], 0, 'f', 1));
    yAxis->setLabel(tr("PC2 (%1 %)").arg(100.0 * projection_.explained[1], 0, 'f', 1));
    replot(rpQueuedReplot);
}

QPointF EmbeddingScatter::pixelOf(int index) const {
    const ProbePoint& point = projection_.points[std::size_t(index)];
    return {xAxis->coordToPixel(point.x), yAxis->coordToPixel(point.y)};
}

int EmbeddingScatter::pointAt(const QPoint& position) const {
    int nearest = -1;
    double best = kPickRadiusPixels * kPickRadiusPixels;
    for (int i = 0; i < int(projection_.points.size()); ++i) {
        const QPointF offset = pixelOf(i) - QPointF(position);
        const double distance = QPointF::dotProduct(offset, offset);
        if (distance <= best) {
            best = distance;
            nearest = i;
        }
    }
    return nearest;
}

}  // namespace m2ds
