#include "plots/CellHeatMap.h"

#include <QToolTip>
#include <cmath>

#include "plots/PerceptualColorGradient.h"

namespace m2ds {
namespace {

QSharedPointer<QCPAxisTickerText> cellTicker(const QStringList& labels) {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const int step = std::max(1, int(labels.size()) / 12);  // at most about a dozen labels
    for (int i = 0; i < labels.size(); i += step) ticker->addTick(double(i), labels[i]);
    return ticker;
}

}  // namespace

CellHeatMap::CellHeatMap(const QString& scaleLabel, QWidget* parent)
    : QCustomPlot(parent), map_(new QCPColorMap(xAxis, yAxis)), scale_(new QCPColorScale(this)) {
    setMinimumSize(260, 200);
    plotLayout()->addElement(0, 1, scale_);
    scale_->setType(QCPAxis::atRight);
    scale_->setGradient(perceptualColorGradient());
    scale_->setDataRange(QCPRange(0.0, 1.0));
    scale_->axis()->setLabel(scaleLabel);
    map_->setColorScale(scale_);
    map_->setInterpolate(false);
    auto* margins = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    setMouseTracking(true);
    connect(this, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        const QString text = describeAt(event->pos());
        if (text.isEmpty()) QToolTip::hideText();
        else QToolTip::showText(event->globalPosition().toPoint(), text, this);
    });
}

void CellHeatMap::setCells(const QStringList& rowLabels, const QStringList& columnLabels, std::vector<double> values, QCPRange range) {
    rows_ = int(rowLabels.size());
    columns_ = int(columnLabels.size());
    values_ = std::move(values);
    map_->data()->clear();
    map_->setVisible(rows_ > 0 && columns_ > 0);
    if (map_->visible()) {
        map_->data()->setSize(columns_, rows_);
        map_->data()->setRange(QCPRange(0.0, columns_ - 1), QCPRange(0.0, rows_ - 1));
        for (int r = 0; r < rows_; ++r)
            for (int c = 0; c < columns_; ++c) map_->data()->setCell(c, r, valueAt(r, c));
        map_->setDataRange(range);
        xAxis->setTicker(cellTicker(columnLabels));
        yAxis->setTicker(cellTicker(rowLabels));
        xAxis->setRange(-0.5, columns_ - 0.5);
        yAxis->setRange(-0.5, rows_ - 0.5);
    }
    replot(rpQueuedReplot);
}

double CellHeatMap::valueAt(int row, int column) const {
    if (row < 0 || row >= rows_ || column < 0 || column >= columns_) return 0.0;
    return values_[std::size_t(row) * std::size_t(columns_) + std::size_t(column)];
}

QCPRange CellHeatMap::valueRange() const { return scale_->dataRange(); }

QString CellHeatMap::describeAt(const QPoint& position) const {
    if (rows_ == 0 || columns_ == 0 || !axisRect()->rect().contains(position)) return {};
    const int column = int(std::lround(xAxis->pixelToCoord(position.x())));
    const int row = int(std::lround(yAxis->pixelToCoord(position.y())));
    if (row < 0 || row >= rows_ || column < 0 || column >= columns_) return {};
    return describeCell(row, column);
}

}  // namespace m2ds
