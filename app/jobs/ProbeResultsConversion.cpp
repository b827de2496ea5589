#include "jobs/ProbeResultsConversion.h"

#include <QDir>
#include <QFileInfo>
#include <cmath>
#include <cstdio>

#include "analysis/EmbeddingCsvFields.h"
#include "probe/ProbeReport.h"

namespace m2ds {
namespace {

ProbeScoreValue scoreValue(double accuracy, double accuracyStd, double f1, double f1Std) { return {accuracy, accuracyStd, f1, f1Std}; }

ProbeScoreValue scoreValue(const ProbeScore& score) { return scoreValue(score.accuracy, score.accuracyStd, score.macroF1, score.macroF1Std); }

std::string csvRow(const std::string& layer, const std::string& model, double accuracy, double std, double f1, double f1Std) {
    char numbers[128];
    std::snprintf(numbers, sizeof numbers, ",%.6f,%.6f,%.6f,%.6f\n", accuracy, std, f1, f1Std);
    return layer + "," + csvQuoted(model) + numbers;
}

}  // namespace

QString probeModelName(const QString& path) {
    const QFileInfo info(path);
    if (info.fileName().startsWith(QLatin1String("checkpoint"))) return info.dir().dirName() + QLatin1Char('/') + info.fileName();
    return info.fileName();
}

ProbeResultsData probeResultsData(const ProbeReport& report) {
    ProbeResultsData data;
    for (const std::string& name : report.labelNames) data.labelNames << QString::fromStdString(name);
    for (std::size_t count : report.labelCounts) data.labelCounts.push_back(int(count));
    data.folds = report.folds;
    data.foldKind = QString::fromStdString(report.foldKind);
    data.level = QString::fromStdString(report.level);
    data.pooling = QString::fromStdString(report.pooling);
    data.rows = int(report.rows);
    for (const std::string& line : report.skipped) data.skipped << QString::fromStdString(line);
    data.baseline = scoreValue(report.baseline);
    for (const ModelProbeResult& model : report.models) {
        ProbeModelCurve curve;
        curve.checkpoint = QString::fromStdString(model.checkpoint);
        curve.name = probeModelName(curve.checkpoint);
        for (const LayerProbeResult& layer : model.layers) curve.layers.push_back({layer.layer, scoreValue(layer.score)});
        curve.weightedSumWeights = model.weightedSum.layerWeights;
        curve.weightedSum = scoreValue(model.weightedSum.accuracy, model.weightedSum.accuracyStd, model.weightedSum.macroF1, model.weightedSum.macroF1Std);
        curve.bestLayer = model.layers.empty() ? 0 : model.bestLayer().layer;
        data.models.push_back(std::move(curve));
    }
    return data;
}

ProbeSimilarity probeSimilarity(const QString& rowModel, const QString& columnModel, const std::vector<int>& rowLayers,
                                const std::vector<int>& columnLayers, const std::vector<double>& values) {
    ProbeSimilarity similarity{rowModel, columnModel, rowLayers, columnLayers, values};
    for (double& value : similarity.values)
        if (!std::isfinite(value)) value = 0.0;
    return similarity;
}

std::string probeReportCsv(const ProbeReport& report) {
    std::string csv = "layer,model,accuracy,std,f1,f1_std\n";
    for (const ModelProbeResult& model : report.models)
        for (const LayerProbeResult& layer : model.layers)
            csv += csvRow(std::to_string(layer.layer), model.checkpoint, layer.score.accuracy, layer.score.accuracyStd, layer.score.macroF1,
                          layer.score.macroF1Std);
    for (const ModelProbeResult& model : report.models) {
        if (model.weightedSum.layerWeights.empty()) continue;
        const WeightedSumScore& sum = model.weightedSum;
        csv += csvRow("weighted_sum", model.checkpoint, sum.accuracy, sum.accuracyStd, sum.macroF1, sum.macroF1Std);
    }
    const ProbeScore& base = report.baseline;
    return csv + csvRow("baseline", "", base.accuracy, base.accuracyStd, base.macroF1, base.macroF1Std);
}

}  // namespace m2ds
