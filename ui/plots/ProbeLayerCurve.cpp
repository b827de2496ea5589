#include "plots/ProbeLayerCurve.h"

#include <algorithm>

#include "plots/LegendAbovePlot.h"
#include "plots/lanes/ClusterTierLane.h"

namespace m2ds {
namespace {

const QColor kBaselineColour(97, 97, 97);

QCPGraph* addConstant(QCustomPlot& plot, double left, double right, double value) {
    QCPGraph* graph = plot.addGraph();
    graph->setData({left, right}, {value, value}, true);
    graph->removeFromLegend();
    return graph;
}

}  // namespace

ProbeLayerCurve::ProbeLayerCurve(QWidget* parent) : QCustomPlot(parent) {
    setMinimumSize(260, 200);
    xAxis->setLabel(tr("layer"));
    yAxis->setLabel(tr("probe accuracy"));
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    xAxis->setTicker(ticker);
    placeLegendAbovePlot(*this);
}

void ProbeLayerCurve::setResults(const ProbeResultsDataPtr& results) {
    clearPlottables();
    models_.clear();
    baseline_ = nullptr;
    if (results && !results->models.empty()) {
        int first = results->models.front().layers.empty() ? 0 : results->models.front().layers.front().layer, last = first;
        for (const ProbeModelCurve& model : results->models)
            for (const ProbeLayerPoint& point : model.layers) {
                first = std::min(first, point.layer);
                last = std::max(last, point.layer);
            }
        addBaseline(results->baseline, first - 0.5, last + 0.5);
        for (std::size_t m = 0; m < results->models.size(); ++m) addModel(results->models[m], ClusterTierLane::colourOf(int(m), 0));
        xAxis->setRange(first - 0.5, last + 0.5);
        fitValueAxis(*results);
    }
    replot(rpQueuedReplot);
}

void ProbeLayerCurve::addModel(const ProbeModelCurve& model, const QColor& colour) {
    QVector<double> layers, accuracy, spread;
    for (const ProbeLayerPoint& point : model.layers) {
        layers << point.layer;
        accuracy << point.score.accuracy;
        spread << point.score.accuracyStd;
    }
    QCPGraph* graph = addGraph();
    graph->setName(model.name);
    graph->setPen(QPen(colour, 2.0));
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, Qt::white, 6));
    graph->setData(layers, accuracy, true);
    auto* bars = new QCPErrorBars(xAxis, yAxis);
    bars->removeFromLegend();
    bars->setDataPlottable(graph);
    bars->setData(spread);
    bars->setPen(QPen(colour, 1.2));
    models_.push_back(graph);
}

void ProbeLayerCurve::addBaseline(const ProbeScoreValue& baseline, double left, double right) {
    QCPGraph* lower = addConstant(*this, left, right, baseline.accuracy - baseline.accuracyStd);
    QCPGraph* upper = addConstant(*this, left, right, baseline.accuracy + baseline.accuracyStd);
    lower->setPen(Qt::NoPen);
    upper->setPen(Qt::NoPen);
    upper->setBrush(QColor(kBaselineColour.red(), kBaselineColour.green(), kBaselineColour.blue(), 40));
    upper->setChannelFillGraph(lower);
    baseline_ = addConstant(*this, left, right, baseline.accuracy);
    baseline_->setPen(QPen(kBaselineColour, 1.5, Qt::DashLine));
    baseline_->setName(tr("log-mel baseline"));
    baseline_->addToLegend();
}

void ProbeLayerCurve::fitValueAxis(const ProbeResultsData& results) {
    double low = results.baseline.accuracy - results.baseline.accuracyStd, high = results.baseline.accuracy + results.baseline.accuracyStd;
    for (const ProbeModelCurve& model : results.models)
        for (const ProbeLayerPoint& point : model.layers) {
            low = std::min(low, point.score.accuracy - point.score.accuracyStd);
            high = std::max(high, point.score.accuracy + point.score.accuracyStd);
        }
    const double margin = std::max(0.02, 0.08 * (high - low));
    yAxis->setRange(std::max(0.0, low - margin), std::min(1.0 + margin, high + margin));  // markers at 1 stay whole
}

int ProbeLayerCurve::pointCount(int model) const {
    return model >= 0 && model < modelCount() ? models_[std::size_t(model)]->dataCount() : 0;
}

double ProbeLayerCurve::baselineAccuracy() const { return baseline_ && baseline_->dataCount() > 0 ? baseline_->data()->at(0)->value : 0.0; }

}  // namespace m2ds
