// Multinomial logistic regression against scikit-learn (tests/golden/probe/make_probe_references.py): per fold of
// the same folds, standardised on the training rows, the held-out probabilities of sklearn's optimum (lbfgs, tol
// 1e-10) at C = 0.1, 1, 10, the same accuracy and macro-F1, the same objective value; the symmetric two-class model;
// warm starts reach the same optimum in fewer steps; bad inputs fail with clear errors.
#include <QtTest>
#include <cmath>

#include "ArrayComparison.h"
#include "ProbeFixtures.h"
#include "common/Errors.h"
#include "probe/FeatureStandardiser.h"
#include "probe/LogisticRegression.h"
#include "probe/ProbeFolds.h"
#include "probe/ProbeMetrics.h"

using namespace m2ds;

namespace {

// Both sides reach the same strictly convex optimum (the reference is polished to gradient elements < 1e-6; ours runs
// to 1e-6 with steps below the objective's float32 rounding taken on the gradient's word), so held-out probabilities
// agree to ~6e-7 (measured: max 5.7e-7, mean 3e-8 at C = 10). The bounds leave a factor ~35 for other kernels' rounding.
const test::Tolerance kProbabilities{2e-5, 2e-6};

LogisticRegressionSettings tightSettings(double c) {
    LogisticRegressionSettings settings;
    settings.inverseRegularisation = c;
    settings.tolerance = 1e-6;
    settings.relativeDecrease = 0.0;
    settings.maxIterations = 2000;
    return settings;
}

std::vector<int> subset(const std::vector<int>& values, const std::vector<char>& keep, bool kept) {
    std::vector<int> out;
    for (std::size_t r = 0; r < values.size(); ++r)
        if (bool(keep[r]) == kept) out.push_back(values[r]);
    return out;
}

std::vector<char> complement(const std::vector<char>& mask) {
    std::vector<char> out(mask.size());
    for (std::size_t r = 0; r < mask.size(); ++r) out[r] = !mask[r];
    return out;
}

/// One fold of the reference: standardised training and held-out rows and their labels.
struct Fold {
    RowMatrix train, test;
    std::vector<int> trainLabels, testLabels;
    std::vector<char> heldOut;
};

Fold referenceFold(int fold) {
    const RowMatrix x = test::probeMatrix("lr_x");
    const std::vector<int> labels = test::probeIntegers("lr_labels");
    const ProbeFolds folds = ProbeFolds::fromAssignment(test::probeIntegers("lr_folds"));
    Fold out;
    out.heldOut = folds.heldOut(fold);
    const std::vector<char> training = complement(out.heldOut);
    const FeatureStandardiser standardiser = FeatureStandardiser::fit(x, training);
    out.train = standardiser.apply(x, training);
    out.test = standardiser.apply(x, out.heldOut);
    out.trainLabels = subset(labels, out.heldOut, false);
    out.testLabels = subset(labels, out.heldOut, true);
    return out;
}

using test::errorOf;

}  // namespace

class TestLogisticRegression : public QObject {
    Q_OBJECT
private slots:
    void heldOutProbabilitiesMatchSklearn_data() {
        QTest::addColumn<double>("c");
        QTest::newRow("C=0.1") << 0.1;
        QTest::newRow("C=1") << 1.0;
        QTest::newRow("C=10") << 10.0;
    }
    void heldOutProbabilitiesMatchSklearn() {
        QFETCH(double, c);
        const FloatArray& expected = test::probeReference("lr_proba_c" + QString::number(c).toStdString());
        std::vector<float> ours(expected.values.size());
        for (int fold = 0; fold < 5; ++fold) {
            const Fold data = referenceFold(fold);
            const LogisticRegression model = LogisticRegression::fit(data.train, data.trainLabels, 3, tightSettings(c));
            QVERIFY(model.converged());
            const RowMatrix p = model.probabilities(data.test);
            for (std::size_t r = 0, t = 0; r < data.heldOut.size(); ++r)
                if (data.heldOut[r]) std::copy(p.row(t), p.row(t) + 3, ours.begin() + std::ptrdiff_t(3 * r)), ++t;
        }
        const auto comparison = test::compareArrays(ours.data(), expected.values.data(), ours.size());
        qInfo("C=%g: held-out probabilities max |ours - sklearn| %.2e, mean %.2e", c, comparison.maxAbs, comparison.meanAbs);
        M2DS_COMPARE_ARRAYS(comparison, kProbabilities);
    }

    void foldScoresAndObjectiveMatchSklearn() {
        const FloatArray& accuracy = test::probeReference("lr_fold_accuracy_c1");
        const FloatArray& f1 = test::probeReference("lr_fold_f1_c1");
        const FloatArray& objective = test::probeReference("lr_objective_c1");
        for (int fold = 0; fold < 5; ++fold) {
            const Fold data = referenceFold(fold);
            const LogisticRegression model = LogisticRegression::fit(data.train, data.trainLabels, 3, tightSettings(1.0));
            const std::vector<int> predicted = model.predict(data.test);
            QVERIFY(std::abs(ProbeMetrics::accuracy(data.testLabels, predicted) - accuracy.values[std::size_t(fold)]) <= 0.01);
            QVERIFY(std::abs(ProbeMetrics::macroF1(data.testLabels, predicted, 3) - f1.values[std::size_t(fold)]) <= 0.01);
            // The optimum's value: ours may not be lower by more than rounding, nor higher than a converged fit.
            const double relative = model.objective() / objective.values[std::size_t(fold)] - 1.0;
            qInfo("fold %d: objective %.6f, relative to sklearn %+.2e, %d iterations", fold, model.objective(), relative, model.iterations());
            QVERIFY2(std::abs(relative) < 1e-5, qPrintable(QString::number(relative)));
        }
    }

    void defaultSettingsGiveSklearnAccuracy() {
        // scikit-learn's defaults (max_iter 100, tol 1e-4): what a probe runs with.
        const FloatArray& accuracy = test::probeReference("lr_fold_accuracy_c1");
        for (int fold = 0; fold < 5; ++fold) {
            const Fold data = referenceFold(fold);
            const LogisticRegression model = LogisticRegression::fit(data.train, data.trainLabels, 3, LogisticRegressionSettings{});
            QVERIFY(std::abs(ProbeMetrics::accuracy(data.testLabels, model.predict(data.test)) - accuracy.values[std::size_t(fold)]) <= 0.01);
        }
    }

    void twoClassesAreTheSymmetricMultinomialModel() {
        const RowMatrix x = test::probeMatrix("bin_x");
        const RowMatrix standardised = FeatureStandardiser::fit(x).apply(x);
        const LogisticRegression model = LogisticRegression::fit(standardised, test::probeIntegers("bin_labels"), 2, tightSettings(1.0));
        const RowMatrix p = model.probabilities(standardised);
        const FloatArray& expected = test::probeReference("bin_proba_c1");
        M2DS_COMPARE_ARRAYS(test::compareArrays(p.values.data(), expected.values.data(), expected.values.size()), kProbabilities);
    }

    void warmStartReachesTheSameOptimumSooner() {
        const Fold data = referenceFold(0);
        const LogisticRegression previous = LogisticRegression::fit(data.train, data.trainLabels, 3, tightSettings(1.0));
        const LogisticRegression cold = LogisticRegression::fit(data.train, data.trainLabels, 3, tightSettings(10.0));
        const LogisticRegression warm = LogisticRegression::fit(data.train, data.trainLabels, 3, tightSettings(10.0), &previous);
        const RowMatrix a = cold.probabilities(data.test), b = warm.probabilities(data.test);
        M2DS_COMPARE_ARRAYS(test::compareArrays(b.values.data(), a.values.data(), a.values.size()), kProbabilities);
        // Sooner: after the same 15 steps, the fit from the C = 1 optimum is nearer the C = 10 one. (Step counts to the
        // rounding floor are not compared: how long the last creeping steps take depends on the BLAS kernel.)
        LogisticRegressionSettings short15 = tightSettings(10.0);
        short15.maxIterations = 15;
        const double fromZero = LogisticRegression::fit(data.train, data.trainLabels, 3, short15).objective() - cold.objective();
        const double fromPrevious = LogisticRegression::fit(data.train, data.trainLabels, 3, short15, &previous).objective() - cold.objective();
        qInfo("C=10 after 15 steps: objective above the optimum by %.3g from zero, %.3g from the C=1 optimum", fromZero, fromPrevious);
        QVERIFY(fromPrevious < 0.5 * fromZero);
    }

    void probabilitiesSumToOneAndPredictIsTheirArgmax() {
        const Fold data = referenceFold(1);
        const LogisticRegression model = LogisticRegression::fit(data.train, data.trainLabels, 3, LogisticRegressionSettings{});
        const RowMatrix p = model.probabilities(data.test);
        const std::vector<int> predicted = model.predict(data.test);
        QCOMPARE(p.rows, data.test.rows);
        QCOMPARE(p.cols, std::size_t(3));
        for (std::size_t r = 0; r < p.rows; ++r) {
            QVERIFY(std::abs(p.row(r)[0] + p.row(r)[1] + p.row(r)[2] - 1.0f) < 1e-5f);
            QVERIFY(p.row(r)[predicted[r]] >= *std::max_element(p.row(r), p.row(r) + 3) - 1e-6f);
        }
    }

    void badInputsAreRefused() {
        const Fold data = referenceFold(0);
        std::vector<int> outside = data.trainLabels;
        outside[4] = 3;
        QVERIFY(errorOf([&] { LogisticRegression::fit(data.train, outside, 3, {}); }).contains("label 3 of row 4 outside 0..2"));
        std::vector<int> shorter(data.trainLabels.begin(), data.trainLabels.end() - 1);
        QVERIFY(errorOf([&] { LogisticRegression::fit(data.train, shorter, 3, {}); }).contains("labels for"));
        LogisticRegressionSettings negative;
        negative.inverseRegularisation = -1.0;
        QVERIFY(errorOf([&] { LogisticRegression::fit(data.train, data.trainLabels, 3, negative); }).contains("C must be positive"));
        LogisticRegressionSettings tpu;
        tpu.device = "tpu";
        QVERIFY(errorOf([&] { LogisticRegression::fit(data.train, data.trainLabels, 3, tpu); }).contains("'tpu'"));
        QVERIFY(errorOf([&] { LogisticRegression::fit(data.train, data.trainLabels, 1, {}); }).contains("at least 2 classes"));
        const LogisticRegression model = LogisticRegression::fit(data.train, data.trainLabels, 3, {});
        const RowMatrix wrong{2, 5, std::vector<float>(10, 0.0f)};
        QVERIFY(errorOf([&] { model.predict(wrong); }).contains("12 features applied to 5"));
    }
};

QTEST_GUILESS_MAIN(TestLogisticRegression)
#include "tst_LogisticRegression.moc"
