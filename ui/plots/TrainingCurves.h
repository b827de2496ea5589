#pragma once
#include <QVector>
#include <QWidget>

#include "training/TrainingLogRecords.h"

class QCPGraph;
class QCustomPlot;

namespace m2ds {

/// Three plots of a run against the iteration: the losses (total, M2D, offline), the learning rate with the
/// EMA decay on a second axis, and the gradient norm with the throughput on a second axis. They redraw only
/// when points arrive, so they cost nothing while a run is quiet.
class TrainingCurves : public QWidget {
    Q_OBJECT
public:
    explicit TrainingCurves(QWidget* parent = nullptr);

    /// Adds the steps and redraws (nothing happens for none).
    void append(const QVector<TrainingStep>& steps);
    void clear();
    /// Steps drawn so far.
    int pointCount() const;

private:
    struct Series {
        QCPGraph* graph;
        double TrainingStep::*field;
    };

    QCustomPlot* createPlot(const QString& leftLabel, const QString& rightLabel);
    void addSeries(QCustomPlot* plot, bool rightAxis, const QString& name, const QColor& color, double TrainingStep::*field);
    void replot();

    QCustomPlot* plots_[3];
    QVector<Series> series_;
};

}  // namespace m2ds
