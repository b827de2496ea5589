// SUPERB's weighted sum of layers: the softmax weights sum to 1 and go to the informative layer when only one layer
// carries the labels, the score is that layer's; bad shapes are refused.
#include <QtTest>
#include <algorithm>
#include <numeric>
#include <random>

#include "common/Errors.h"
#include "probe/LayerProbe.h"
#include "probe/WeightedSumProbe.h"

using namespace m2ds;

namespace {

/// Four layers of the same 240 rows (4 classes): layer 2 holds class means in 16 dimensions, the others noise only.
struct Synthetic {
    std::vector<RowMatrix> layers;
    std::vector<int> labels;
};

Synthetic oneInformativeLayer() {
    std::mt19937 random(3);
    std::normal_distribution<float> normal;
    Synthetic s;
    const std::size_t n = 240, d = 16;
    for (std::size_t r = 0; r < n; ++r) s.labels.push_back(int(r % 4));
    std::vector<float> means(4 * d);
    for (float& m : means) m = 2.5f * normal(random);
    for (int l = 0; l < 4; ++l) {
        RowMatrix layer{n, d, std::vector<float>(n * d)};
        for (std::size_t r = 0; r < n; ++r)
            for (std::size_t c = 0; c < d; ++c)
                layer.values[r * d + c] = normal(random) * (1.0f + float(l)) + (l == 2 ? means[std::size_t(s.labels[r]) * d + c] : 0.0f);
        s.layers.push_back(layer);
    }
    return s;
}

ProbeSettings quickSettings() {
    ProbeSettings settings;
    settings.regularisationGrid = {0.1, 1.0};
    settings.maxIterations = 200;
    return settings;
}

}  // namespace

class TestWeightedSumProbe : public QObject {
    Q_OBJECT
private slots:
    void weightsSumToOneAndFindTheInformativeLayer() {
        const Synthetic s = oneInformativeLayer();
        const ProbeFolds folds = ProbeFolds::stratified(s.labels, 4, 0);
        const WeightedSumScore score = WeightedSumProbe::evaluate(s.layers, s.labels, 4, folds, quickSettings());
        QCOMPARE(score.layerWeights.size(), std::size_t(4));
        QVERIFY(std::abs(std::accumulate(score.layerWeights.begin(), score.layerWeights.end(), 0.0) - 1.0) < 1e-9);
        qInfo("weights %.3f %.3f %.3f %.3f, accuracy %.3f ± %.3f, C %g", score.layerWeights[0], score.layerWeights[1], score.layerWeights[2],
              score.layerWeights[3], score.accuracy, score.accuracyStd, score.chosenC[0]);
        QVERIFY(std::max_element(score.layerWeights.begin(), score.layerWeights.end()) - score.layerWeights.begin() == 2);
        QVERIFY2(score.layerWeights[2] > 0.5, "the informative layer should take most of the weight (equal start: 0.25)");
        const ProbeScore alone = LayerProbe::evaluate(s.layers[2], s.labels, 4, folds, quickSettings());
        QVERIFY2(score.accuracy >= alone.accuracy - 0.05, qPrintable(QString("%1 vs layer 2 alone %2").arg(score.accuracy).arg(alone.accuracy)));
        QVERIFY2(score.accuracy > 0.8, qPrintable(QString("accuracy %1, layer 2 alone %2").arg(score.accuracy).arg(alone.accuracy)));
        QCOMPARE(score.chosenC.size(), std::size_t(4));
        QCOMPARE(score.foldAccuracy.size(), std::size_t(4));
    }

    void layersOfDifferentShapesAreRefused() {
        Synthetic s = oneInformativeLayer();
        s.layers[1].cols = 8;
        s.layers[1].values.resize(240 * 8);
        const ProbeFolds folds = ProbeFolds::stratified(s.labels, 4, 0);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, WeightedSumProbe::evaluate(s.layers, s.labels, 4, folds, quickSettings()));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, WeightedSumProbe::evaluate({}, s.labels, 4, folds, quickSettings()));
    }
};

QTEST_GUILESS_MAIN(TestWeightedSumProbe)
#include "tst_WeightedSumProbe.moc"
