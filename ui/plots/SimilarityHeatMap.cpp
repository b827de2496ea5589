#include "plots/SimilarityHeatMap.h"

#include <QToolTip>
#include <cmath>

#include "plots/PerceptualColorGradient.h"

namespace m2ds {
namespace {

QSharedPointer<QCPAxisTickerText> layerTicker(const std::vector<int>& layers) {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const int step = std::max(1, int(layers.size()) / 12);  // at most about a dozen labels
    for (std::size_t i = 0; i < layers.size(); i += std::size_t(step)) ticker->addTick(double(i), QString::number(layers[i]));
    return ticker;
}

/// A model name short enough for an axis label: its middle dropped past 28 characters.
QString elidedName(const QString& name) {
    constexpr int kMax = 28;
    return name.size() <= kMax ? name : name.left(kMax / 2 - 1) + QStringLiteral("…") + name.right(kMax / 2);
}

}  // namespace

SimilarityHeatMap::SimilarityHeatMap(QWidget* parent)
    : QCustomPlot(parent), map_(new QCPColorMap(xAxis, yAxis)), scale_(new QCPColorScale(this)) {
    setMinimumSize(260, 200);
    plotLayout()->addElement(0, 1, scale_);
    scale_->setType(QCPAxis::atRight);
    scale_->setGradient(perceptualColorGradient());
    scale_->setDataRange(QCPRange(0.0, 1.0));
    scale_->axis()->setLabel(tr("linear CKA"));
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

void SimilarityHeatMap::setSimilarity(const ProbeSimilarity& similarity) {
    similarity_ = similarity;
    const int rows = rowCount(), columns = columnCount();
    map_->data()->clear();
    map_->setVisible(!similarity_.empty());
    if (!similarity_.empty()) {
        map_->data()->setSize(columns, rows);
        map_->data()->setRange(QCPRange(0.0, columns - 1), QCPRange(0.0, rows - 1));
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < columns; ++c) map_->data()->setCell(c, r, valueAt(r, c));
        map_->setDataRange(QCPRange(0.0, 1.0));
        xAxis->setTicker(layerTicker(similarity_.columnLayers));
        yAxis->setTicker(layerTicker(similarity_.rowLayers));
        xAxis->setRange(-0.5, columns - 0.5);
        yAxis->setRange(-0.5, rows - 0.5);
        const bool oneModel = similarity_.rowModel == similarity_.columnModel;
        xAxis->setLabel(oneModel ? tr("layer") : tr("layer of %1").arg(elidedName(similarity_.columnModel)));
        yAxis->setLabel(oneModel ? tr("layer") : tr("layer of %1").arg(elidedName(similarity_.rowModel)));
    }
    replot(rpQueuedReplot);
}

double SimilarityHeatMap::valueAt(int row, int column) const {
    if (row < 0 || row >= rowCount() || column < 0 || column >= columnCount()) return 0.0;
    return similarity_.values[std::size_t(row) * std::size_t(columnCount()) + std::size_t(column)];
}

QString SimilarityHeatMap::describeAt(const QPoint& position) const {
    if (similarity_.empty() || !axisRect()->rect().contains(position)) return {};
    const int column = int(std::lround(xAxis->pixelToCoord(position.x())));
    const int row = int(std::lround(yAxis->pixelToCoord(position.y())));
    if (row < 0 || row >= rowCount() || column < 0 || column >= columnCount()) return {};
    return tr("layer %1 of %2 × layer %3 of %4: CKA %5")
        .arg(similarity_.rowLayers[std::size_t(row)]).arg(similarity_.rowModel)
        .arg(similarity_.columnLayers[std::size_t(column)]).arg(similarity_.columnModel)
        .arg(valueAt(row, column), 0, 'f', 3);
}

}  // namespace m2ds
