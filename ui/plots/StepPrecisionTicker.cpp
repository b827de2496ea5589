#include "plots/StepPrecisionTicker.h"

#include <algorithm>
#include <cmath>

namespace m2ds {

int StepPrecisionTicker::decimalsFor(double step) {
    if (!(step > 0.0)) return 0;
    return std::clamp(int(std::ceil(-std::log10(step) - 1e-9)), 0, 12);
}

QVector<QString> StepPrecisionTicker::createLabelVector(const QVector<double>& ticks, const QLocale& locale, QChar formatChar, int precision) {
    if (ticks.size() < 2) return QCPAxisTicker::createLabelVector(ticks, locale, formatChar, precision);
    const int decimals = decimalsFor(ticks[1] - ticks[0]);
    QVector<QString> labels;
    labels.reserve(ticks.size());
    for (double tick : ticks) labels << locale.toString(std::abs(tick) < 1e-300 ? 0.0 : tick, 'f', decimals);
    return labels;
}

}  // namespace m2ds
