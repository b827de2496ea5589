// A probe study end to end on synthetic embeddings: an informative layer beats a noise layer and the baseline, the
// report holds what `m2ds probe -o` promises, and inconsistent inputs are refused with a message.
#include <QtTest>
#include <nlohmann/json.hpp>
#include <random>

#include "common/Errors.h"
#include "probe/ProbeExperiment.h"

using namespace m2ds;

namespace {

/// n examples of 3 labels; layer 0 is noise, layer 1 separates the labels, the baseline only weakly.
struct SyntheticStudy {
    ProbeExamples examples;
    ProbeEmbeddings model;
};

RowMatrix rowsOf(std::size_t n, std::size_t dim, const std::vector<int>& labels, double signal, std::mt19937& random) {
    std::normal_distribution<float> noise(0.0f, 1.0f);
    RowMatrix matrix{n, dim, std::vector<float>(n * dim)};
    for (std::size_t r = 0; r < n; ++r)
        for (std::size_t c = 0; c < dim; ++c)
            matrix.values[r * dim + c] = noise(random) + (c == std::size_t(labels[r]) ? float(signal) : 0.0f);
    return matrix;
}

SyntheticStudy study(std::size_t n) {
    std::mt19937 random(7);
    SyntheticStudy s;
    s.examples.labelNames = {"a", "b", "c"};
    for (std::size_t r = 0; r < n; ++r) s.examples.labels.push_back(int(r % 3));
    s.examples.baseline = rowsOf(n, 6, s.examples.labels, 0.3, random);
    s.model.checkpoint = "synthetic.safetensors";
    s.model.identity = R"({"kind":"synthetic"})";
    s.model.layerIds = {0, 1};
    s.model.layers = {rowsOf(n, 8, s.examples.labels, 0.0, random), rowsOf(n, 8, s.examples.labels, 4.0, random)};
    return s;
}

ProbeSettings quickSettings() {
    ProbeSettings settings;
    settings.folds = 3;
    settings.innerFolds = 2;
    settings.regularisationGrid = {0.1, 1.0};
    return settings;
}

}  // namespace

class TestProbeExperiment : public QObject {
    Q_OBJECT
private slots:
    void informativeLayerWinsAndReportHoldsIt() {
        const SyntheticStudy s = study(90);
        const ProbeReport report = ProbeExperiment::run(s.examples, {s.model}, quickSettings());
        QCOMPARE(report.models.size(), std::size_t(1));
        const ModelProbeResult& model = report.models.front();
        QCOMPARE(model.layers.size(), std::size_t(2));
        QVERIFY2(model.layers[1].score.accuracy > 0.9, qPrintable(QString::number(model.layers[1].score.accuracy)));
        QVERIFY(model.layers[0].score.accuracy < 0.6);
        QCOMPARE(model.bestLayer().layer, 1);
        QVERIFY(report.baseline.accuracy < model.layers[1].score.accuracy);
        QCOMPARE(model.weightedSum.layerWeights.size(), std::size_t(2));
        QVERIFY(model.weightedSum.layerWeights[1] > model.weightedSum.layerWeights[0]);
        QCOMPARE(report.labelCounts, (std::vector<std::size_t>{30, 30, 30}));

        const nlohmann::json json = nlohmann::json::parse(report.toJson());
        QCOMPARE(json["layers"].size(), std::size_t(2));
        QCOMPARE(json["layers"][1]["layer"].get<int>(), 1);
        QCOMPARE(json["layers"][1]["accuracy"].get<double>(), model.layers[1].score.accuracy);
        QVERIFY(json["layers"][1].contains("std") && json["layers"][1].contains("f1"));
        QCOMPARE(json["weighted_sum"]["weights"].size(), std::size_t(2));
        QCOMPARE(json["baseline"]["features"].get<std::string>(), std::string("log-mel mean+std"));
        QCOMPARE(json["folds"].get<int>(), 3);
        QCOMPARE(json["provenance"]["checkpoint"].get<std::string>(), std::string("synthetic.safetensors"));
        QVERIFY(QString::fromStdString(report.toTable()).contains("log-mel mean+std baseline"));
    }

    void groupsGiveGroupFolds() {
        SyntheticStudy s = study(90);
        for (std::size_t r = 0; r < 90; ++r) s.examples.groups.push_back(int(r / 9));  // 10 speakers
        const ProbeReport report = ProbeExperiment::run(s.examples, {s.model}, quickSettings());
        QCOMPARE(report.foldKind, std::string("group"));
    }

    void inconsistentInputsAreRefused() {
        SyntheticStudy s = study(30);
        ProbeEmbeddings shorter = s.model;
        shorter.layers[1].rows = 29;
        shorter.layers[1].values.resize(29 * 8);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, ProbeExperiment::run(s.examples, {shorter}, quickSettings()));
        SyntheticStudy few = study(30);
        few.examples.labels.assign(30, 0);
        few.examples.labels[0] = 1;  // label "b" has one example, fewer than the 3 folds
        few.examples.labels[1] = 2;
        few.examples.labels[2] = 2;
        few.examples.labels[3] = 2;
        try {
            ProbeExperiment::run(few.examples, {few.model}, quickSettings());
            QFAIL("a label with fewer examples than folds was accepted");
        } catch (const InvalidArgument& error) {
            QVERIFY2(QString(error.what()).contains("fold"), error.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestProbeExperiment)
#include "tst_ProbeExperiment.moc"
