// The Probe page's plots on made-up results, offscreen: one curve point per layer and the baseline band, weight bars,
// the CKA heat map's cells and read-out, the Train page's checkpoint × layer heat map, a click on a scatter point
// naming its recording and frame, PNG and PDF saves.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "TestData.h"
#include "plots/EmbeddingScatter.h"
#include "plots/LayerWeightBars.h"
#include "plots/PlotImageFile.h"
#include "plots/ProbeLayerCurve.h"
#include "plots/RunProbeHeatMap.h"
#include "plots/SimilarityHeatMap.h"

using namespace m2ds;

namespace {

ProbeModelCurve modelCurve(const QString& name, int layers, double offset) {
    ProbeModelCurve model;
    model.name = name;
    for (int l = 0; l < layers; ++l) {
        model.layers.push_back({l, {0.5 + offset + 0.03 * l, 0.02, 0.45 + 0.03 * l, 0.03}});
        model.weightedSumWeights.push_back(1.0 / layers);
    }
    model.bestLayer = layers - 1;
    return model;
}

ProbeResultsDataPtr madeUpResults() {
    auto results = std::make_shared<ProbeResultsData>();
    results->labelNames = {"one", "two", "three"};
    results->baseline = {0.4, 0.05, 0.38, 0.06};
    results->models = {modelCurve("A", 4, 0.0), modelCurve("B", 3, 0.1)};
    results->similarity = {"A", "B", {0, 1, 2, 3}, {0, 1, 2}, {}};
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 3; ++c) results->similarity.values.push_back(r == c ? 1.0 : 0.1 * (r + c));
    results->projection.frameSeconds = 0.02;
    for (int i = 0; i < 9; ++i) results->projection.points.push_back({double(i), double(i % 3), i % 3, QString("/data/r%1.wav").arg(i), i == 4 ? 50 : -1});
    return results;
}

}  // namespace

class TestProbePlots : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::isolateSettings(); }

    void curveHasAPointPerLayerAndTheBaseline() {
        ProbeLayerCurve curve;
        curve.setResults(madeUpResults());
        QCOMPARE(curve.modelCount(), 2);
        QCOMPARE(curve.pointCount(0), 4);
        QCOMPARE(curve.pointCount(1), 3);
        QVERIFY(curve.hasBaseline());
        QCOMPARE(curve.baselineAccuracy(), 0.4);
        // the band's bottom (0.4 − 0.05) and B's top error bar (0.66 + 0.02) are in view
        QVERIFY(curve.yAxis->range().contains(0.35) && curve.yAxis->range().contains(0.68));
        curve.setResults(nullptr);
        QCOMPARE(curve.modelCount(), 0);
        QVERIFY(!curve.hasBaseline());
    }

    void weightBarsPerModel() {
        LayerWeightBars bars;
        bars.setResults(madeUpResults());
        QCOMPARE(bars.barCount(0), 4);
        QCOMPARE(bars.barCount(1), 3);
    }

    void heatMapCellsAndReadout() {
        SimilarityHeatMap map;
        map.resize(400, 300);
        map.setSimilarity(madeUpResults()->similarity);
        map.replot();
        QCOMPARE(map.rowCount(), 4);
        QCOMPARE(map.columnCount(), 3);
        QCOMPARE(map.valueAt(2, 2), 1.0);
        const QPoint cell(int(map.xAxis->coordToPixel(1.0)), int(map.yAxis->coordToPixel(3.0)));
        QCOMPARE(map.describeAt(cell), QString("layer 3 of A × layer 1 of B: CKA 0.400"));
        QVERIFY(map.describeAt(QPoint(1, 1)).isEmpty());
    }

    void runHeatMapHasACellPerCheckpointAndLayer() {
        RunProbeData run;
        run.checkpoints = {{"/run/checkpoint-0.safetensors", 0, -1}, {"/run/checkpoint-1-it7.safetensors", 1, 7}, {"/run/checkpoint-1.safetensors", 1, -1}};
        run.layers = {0, 2};
        for (const double accuracy : {0.5, 0.6, 0.7, 0.8, 0.9, 0.95}) run.scores.push_back({accuracy, 0.05, accuracy, 0.05});
        RunProbeHeatMap map;
        map.resize(400, 300);
        map.setResults(run);
        map.replot();
        QCOMPARE(map.rowCount(), 2);
        QCOMPARE(map.columnCount(), 3);
        QCOMPARE(map.valueAt(1, 0), 0.6);  // layer 2 at checkpoint-0: scores are [checkpoint, layer]
        QCOMPARE(map.valueRange().lower, 0.5);
        QCOMPARE(map.valueRange().upper, 0.95);
        const QPoint cell(int(map.xAxis->coordToPixel(1.0)), int(map.yAxis->coordToPixel(1.0)));
        QCOMPARE(map.describeAt(cell), QString("layer 2, epoch 1, iteration 7 (checkpoint-1-it7.safetensors): accuracy 0.800 ± 0.050"));
        map.setResults({});
        QCOMPARE(map.columnCount(), 0);
    }

    void clickingAPointNamesItsRecordingAndFrame() {
        EmbeddingScatter scatter;
        scatter.resize(400, 300);
        scatter.show();
        QVERIFY(QTest::qWaitForWindowExposed(&scatter));
        const ProbeResultsDataPtr results = madeUpResults();
        scatter.setProjection(results->projection, results->labelNames);
        scatter.replot();
        QCOMPARE(scatter.graphCount(), 3);
        QSignalSpy clicked(&scatter, &EmbeddingScatter::pointClicked);
        QTest::mouseClick(&scatter, Qt::LeftButton, {}, scatter.pixelOf(4).toPoint());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toString(), QString("/data/r4.wav"));
        QCOMPARE(clicked.at(0).at(1).toInt(), 50);
        QTest::mouseClick(&scatter, Qt::LeftButton, {}, QPoint(2, 2));  // nowhere near a point
        QCOMPARE(clicked.count(), 1);
    }

    void savesPngAndPdfAndRefusesOtherFormats() {
        QTemporaryDir dir;
        ProbeLayerCurve curve;
        curve.resize(400, 300);
        curve.setResults(madeUpResults());
        for (const QString name : {"curve.png", "curve.pdf"}) {
            QCOMPARE(savePlotImage(curve, dir.filePath(name)), QString());
            QVERIFY(QFileInfo(dir.filePath(name)).size() > 1000);
        }
        QFile png(dir.filePath("curve.png"));
        QVERIFY(png.open(QIODevice::ReadOnly));
        QVERIFY(png.read(4).endsWith("PNG"));
        QVERIFY(savePlotImage(curve, dir.filePath("curve.bmp")).contains("curve.bmp"));
        QVERIFY(savePlotImage(curve, dir.filePath("missing/curve.png")).contains("missing/curve.png"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2);  // no partial file left behind
    }
};

QTEST_MAIN(TestProbePlots)
#include "tst_ProbePlots.moc"
