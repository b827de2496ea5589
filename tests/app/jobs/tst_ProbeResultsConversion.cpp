// Core's probe report as the Probe page's values and as the saved CSV: curves, weights, best layer, baseline; the
// CSV's rows and quoting; legend names of official checkpoint files; CKA NaNs drawn as 0.
#include <QtTest>
#include <cmath>

#include "jobs/ProbeResultsConversion.h"
#include "probe/ProbeReport.h"

using namespace m2ds;

namespace {

ProbeReport madeUpReport() {
    ProbeReport report;
    report.labelNames = {"a", "b"};
    report.labelCounts = {5, 7};
    report.folds = 3;
    report.rows = 12;
    report.skipped = {"x.wav: truncated"};
    report.baseline.accuracy = 0.5;
    report.baseline.accuracyStd = 0.1;
    ModelProbeResult model;
    model.checkpoint = "/runs/m2d,s/checkpoint-30.pth";
    for (int l = 0; l < 3; ++l) {
        LayerProbeResult layer;
        layer.layer = l;
        layer.score.accuracy = l == 1 ? 0.9 : 0.6;
        layer.score.macroF1 = 0.55;
        model.layers.push_back(layer);
    }
    model.weightedSum.accuracy = 0.8;
    model.weightedSum.layerWeights = {0.2, 0.5, 0.3};
    report.models.push_back(model);
    return report;
}

}  // namespace

class TestProbeResultsConversion : public QObject {
    Q_OBJECT
private slots:
    void reportBecomesCurves() {
        const ProbeResultsData data = probeResultsData(madeUpReport());
        QCOMPARE(data.labelNames, QStringList({"a", "b"}));
        QCOMPARE(data.labelCounts, std::vector<int>({5, 7}));
        QCOMPARE(data.rows, 12);
        QCOMPARE(data.skipped, QStringList({"x.wav: truncated"}));
        QCOMPARE(data.baseline.accuracy, 0.5);
        QCOMPARE(int(data.models.size()), 1);
        const ProbeModelCurve& curve = data.models.front();
        QCOMPARE(curve.name, QString("m2d,s/checkpoint-30.pth"));
        QCOMPARE(int(curve.layers.size()), 3);
        QCOMPARE(curve.bestLayer, 1);
        QCOMPARE(curve.weightedSumWeights, std::vector<double>({0.2, 0.5, 0.3}));
        QCOMPARE(curve.weightedSum.accuracy, 0.8);
    }

    void csvHasARowPerLayerThenTheWeightedSumAndTheBaseline() {
        const QStringList lines = QString::fromStdString(probeReportCsv(madeUpReport())).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 3 + 1 + 1);
        QCOMPARE(lines[0], QString("layer,model,accuracy,std,f1,f1_std"));
        QCOMPARE(lines[2], QString("1,\"/runs/m2d,s/checkpoint-30.pth\",0.900000,0.000000,0.550000,0.000000"));
        QVERIFY(lines[4].startsWith("weighted_sum,\"/runs/m2d,s/checkpoint-30.pth\",0.800000,"));
        QCOMPARE(lines[5], QString("baseline,,0.500000,0.100000,0.000000,0.000000"));
    }

    void namesAndSimilarity() {
        QCOMPARE(probeModelName("/m/hubert-base-ls960"), QString("hubert-base-ls960"));
        QCOMPARE(probeModelName("/m/demo.safetensors"), QString("demo.safetensors"));
        const ProbeSimilarity similarity = probeSimilarity("A", "A", {0, 1}, {0, 1}, {1.0, std::nan(""), 0.5, 1.0});
        QCOMPARE(similarity.values, std::vector<double>({1.0, 0.0, 0.5, 1.0}));
    }
};

QTEST_MAIN(TestProbeResultsConversion)
#include "tst_ProbeResultsConversion.moc"
