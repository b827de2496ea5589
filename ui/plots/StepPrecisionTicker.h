#pragma once
#include <qcustomplot.h>

namespace m2ds {

/// Tick labels with as many decimals as the tick step needs and no more: "5" for a step of 1, "0.99995" for a
/// step of 0.00005 (QCustomPlot's fixed precision prints either "5.000000" or too few digits).
class StepPrecisionTicker : public QCPAxisTicker {
public:
    /// Decimals that tell apart ticks `step` apart (0 for steps of 1 or more, at most 12).
    static int decimalsFor(double step);

protected:
    QVector<QString> createLabelVector(const QVector<double>& ticks, const QLocale& locale, QChar formatChar, int precision) override;
};

}  // namespace m2ds
