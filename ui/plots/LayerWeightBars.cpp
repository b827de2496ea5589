#include "plots/LayerWeightBars.h"

#include <algorithm>

#include "plots/LegendAbovePlot.h"
#include "plots/lanes/ClusterTierLane.h"

namespace m2ds {

LayerWeightBars::LayerWeightBars(QWidget* parent) : QCustomPlot(parent), group_(new QCPBarsGroup(this)) {
    setMinimumSize(260, 200);
    xAxis->setLabel(tr("layer"));
    yAxis->setLabel(tr("weighted-sum weight"));
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    xAxis->setTicker(ticker);
    placeLegendAbovePlot(*this);
}

void LayerWeightBars::setResults(const ProbeResultsDataPtr& results) {
    clearPlottables();
    bars_.clear();
    group_->clear();
    if (results) {
        double first = 0.0, last = 0.0, top = 0.0;
        const double width = 0.8 / std::max<std::size_t>(1, results->models.size());
        for (std::size_t m = 0; m < results->models.size(); ++m) {
            const ProbeModelCurve& model = results->models[m];
            QVector<double> layers, weights;
            for (std::size_t l = 0; l < model.layers.size() && l < model.weightedSumWeights.size(); ++l) {
                layers << model.layers[l].layer;
                weights << model.weightedSumWeights[l];
            }
            if (layers.isEmpty()) continue;
            const QColor colour = ClusterTierLane::colourOf(int(m), 0);
            auto* bars = new QCPBars(xAxis, yAxis);
            bars->setName(model.name);
            bars->setPen(QPen(colour.darker(130)));
            bars->setBrush(colour);
            bars->setWidth(width);
            bars->setData(layers, weights, true);
            bars->setBarsGroup(group_);
            first = bars_.empty() ? layers.front() : std::min(first, layers.front());
            last = bars_.empty() ? layers.back() : std::max(last, layers.back());
            top = std::max(top, *std::max_element(weights.begin(), weights.end()));
            bars_.push_back(bars);
        }
        xAxis->setRange(first - 0.6, last + 0.6);
        yAxis->setRange(0.0, top > 0.0 ? top * 1.15 : 1.0);
    }
    replot(rpQueuedReplot);
}

int LayerWeightBars::barCount(int model) const { return model >= 0 && model < int(bars_.size()) ? bars_[std::size_t(model)]->dataCount() : 0; }

}  // namespace m2ds
