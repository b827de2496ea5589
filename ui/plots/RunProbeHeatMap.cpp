#include "plots/RunProbeHeatMap.h"

#include <QFileInfo>
#include <algorithm>

namespace m2ds {
namespace {

/// The cells' accuracies, widened to at least 0.02 inside [0, 1] so that equal values still get a scale.
QCPRange accuracyRange(const std::vector<double>& values) {
    if (values.empty()) return QCPRange(0.0, 1.0);
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    const double width = std::max(0.02, *high - *low);
    const double lower = std::clamp(0.5 * (*low + *high) - 0.5 * width, 0.0, 1.0 - width);
    return QCPRange(lower, lower + width);
}

}  // namespace

RunProbeHeatMap::RunProbeHeatMap(QWidget* parent) : CellHeatMap(tr("probe accuracy"), parent) {
    xAxis->setLabel(tr("checkpoint (epoch)"));
    yAxis->setLabel(tr("layer"));
}

void RunProbeHeatMap::setResults(const RunProbeData& results) {
    results_ = results;
    QStringList rows, columns;
    std::vector<double> values;
    if (!results_.empty()) {
        for (const int layer : results_.layers) rows << QString::number(layer);
        for (const RunCheckpoint& checkpoint : results_.checkpoints) columns << checkpoint.label();
        for (std::size_t r = 0; r < results_.layers.size(); ++r)
            for (std::size_t c = 0; c < results_.checkpoints.size(); ++c) values.push_back(results_.at(int(c), int(r)).accuracy);
    }
    const QCPRange range = accuracyRange(values);
    setCells(rows, columns, std::move(values), range);
}

QString RunProbeHeatMap::describeCell(int row, int column) const {
    const RunCheckpoint& checkpoint = results_.checkpoints[std::size_t(column)];
    const ProbeScoreValue& score = results_.at(column, row);
    const QString when = checkpoint.epoch < 0 ? checkpoint.label()
                         : checkpoint.iteration < 0 ? tr("end of epoch %1").arg(checkpoint.epoch)
                                                    : tr("epoch %1, iteration %2").arg(checkpoint.epoch).arg(checkpoint.iteration);
    return tr("layer %1, %2 (%3): accuracy %4 ± %5")
        .arg(results_.layers[std::size_t(row)]).arg(when, QFileInfo(checkpoint.path).fileName())
        .arg(score.accuracy, 0, 'f', 3).arg(score.accuracyStd, 0, 'f', 3);
}

}  // namespace m2ds
