#include "plots/TrainingCurves.h"

#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "plots/StepPrecisionTicker.h"

namespace m2ds {
namespace {

/// Fits `axis` to its graphs' keys (key axis) or values, with a margin; a constant series gets a narrow band
/// around its value instead of QCustomPlot's ±1 default.
void fitAxis(QCPAxis* axis, bool keys) {
    QCPRange range;
    bool any = false;
    for (QCPGraph* graph : axis->graphs()) {
        bool found = false;
        const QCPRange r = keys ? graph->getKeyRange(found) : graph->getValueRange(found);
        if (!found) continue;
        if (any) range.expand(r);
        else range = r;
        any = true;
    }
    if (!any) return;
    const double margin = range.size() > 0.0 ? range.size() * (keys ? 0.0 : 0.05) : std::max(std::abs(range.lower) * 0.01, keys ? 0.5 : 1e-12);
    axis->setRange(range.lower - margin, range.upper + margin);
}

}  // namespace

TrainingCurves::TrainingCurves(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    plots_[0] = createPlot(tr("loss"), {});
    plots_[1] = createPlot(tr("learning rate"), tr("EMA decay"));
    plots_[2] = createPlot(tr("gradient norm"), tr("samples/s"));
    for (QCustomPlot* plot : plots_) layout->addWidget(plot, 1);
    addSeries(plots_[0], false, tr("total"), QColor(33, 33, 33), &TrainingStep::loss);
    addSeries(plots_[0], false, tr("M2D"), QColor(25, 118, 210), &TrainingStep::lossM2d);
    addSeries(plots_[0], false, tr("offline"), QColor(230, 81, 0), &TrainingStep::lossOff);
    addSeries(plots_[1], false, tr("learning rate"), QColor(46, 125, 50), &TrainingStep::learningRate);
    addSeries(plots_[1], true, tr("EMA decay"), QColor(123, 31, 162), &TrainingStep::emaDecay);
    addSeries(plots_[2], false, tr("gradient norm"), QColor(198, 40, 40), &TrainingStep::gradNorm);
    addSeries(plots_[2], true, tr("samples/s"), QColor(0, 131, 143), &TrainingStep::samplesPerSecond);
    plots_[1]->yAxis->setNumberFormat(QStringLiteral("g"));
    plots_[1]->yAxis2->setTicker(QSharedPointer<QCPAxisTicker>(new StepPrecisionTicker));  // EMA decays differ in the fifth decimal
}

QCustomPlot* TrainingCurves::createPlot(const QString& leftLabel, const QString& rightLabel) {
    auto* plot = new QCustomPlot(this);
    plot->setMinimumHeight(140);
    plot->xAxis->setLabel(tr("iteration"));
    plot->yAxis->setLabel(leftLabel);
    plot->yAxis2->setVisible(!rightLabel.isEmpty());
    plot->yAxis2->setLabel(rightLabel);
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(font().family(), 8));
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    return plot;
}

void TrainingCurves::addSeries(QCustomPlot* plot, bool rightAxis, const QString& name, const QColor& color, double TrainingStep::*field) {
    QCPGraph* graph = plot->addGraph(plot->xAxis, rightAxis ? plot->yAxis2 : plot->yAxis);
    graph->setName(name);
    graph->setPen(QPen(color, 1.5));
    series_.push_back({graph, field});
}

void TrainingCurves::append(const QVector<TrainingStep>& steps) {
    if (steps.isEmpty()) return;
    QVector<double> keys;
    keys.reserve(steps.size());
    for (const TrainingStep& step : steps) keys << double(step.iteration);
    for (const Series& series : series_) {
        QVector<double> values;
        values.reserve(steps.size());
        for (const TrainingStep& step : steps) values << step.*series.field;
        series.graph->addData(keys, values);
    }
    replot();
}

void TrainingCurves::clear() {
    for (const Series& series : series_) series.graph->data()->clear();
    replot();
}

int TrainingCurves::pointCount() const { return series_.isEmpty() ? 0 : series_.first().graph->dataCount(); }

void TrainingCurves::replot() {
    for (QCustomPlot* plot : plots_) {
        fitAxis(plot->xAxis, true);
        fitAxis(plot->yAxis, false);
        fitAxis(plot->yAxis2, false);
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

}  // namespace m2ds
