#include "plots/SimilarityHeatMap.h"

namespace m2ds {
namespace {

QStringList layerLabels(const std::vector<int>& layers) {
    QStringList labels;
    for (const int layer : layers) labels << QString::number(layer);
    return labels;
}

/// A model name short enough for an axis label: its middle dropped past 28 characters.
QString elidedName(const QString& name) {
    constexpr int kMax = 28;
    return name.size() <= kMax ? name : name.left(kMax / 2 - 1) + QStringLiteral("…") + name.right(kMax / 2);
}

}  // namespace

SimilarityHeatMap::SimilarityHeatMap(QWidget* parent) : CellHeatMap(tr("linear CKA"), parent) {}

void SimilarityHeatMap::setSimilarity(const ProbeSimilarity& similarity) {
    similarity_ = similarity;
    if (!similarity_.empty()) {
        const bool oneModel = similarity_.rowModel == similarity_.columnModel;
        xAxis->setLabel(oneModel ? tr("layer") : tr("layer of %1").arg(elidedName(similarity_.columnModel)));
        yAxis->setLabel(oneModel ? tr("layer") : tr("layer of %1").arg(elidedName(similarity_.rowModel)));
    }
    const bool drawn = !similarity_.empty();
    setCells(drawn ? layerLabels(similarity_.rowLayers) : QStringList(), drawn ? layerLabels(similarity_.columnLayers) : QStringList(),
             similarity_.values, QCPRange(0.0, 1.0));
}

QString SimilarityHeatMap::describeCell(int row, int column) const {
    return tr("layer %1 of %2 × layer %3 of %4: CKA %5")
        .arg(similarity_.rowLayers[std::size_t(row)]).arg(similarity_.rowModel)
        .arg(similarity_.columnLayers[std::size_t(column)]).arg(similarity_.columnModel)
        .arg(valueAt(row, column), 0, 'f', 3);
}

}  // namespace m2ds
