// The ridge readout on synthetic data: it recovers a known linear map with its bias, reports the held-out R² that a
// direct computation gives, picks a stronger λ when most features are noise, and rejects inconsistent input.
#include <QtTest>
#include <random>

#include "analysis/LinearReadout.h"
#include "common/Errors.h"

using namespace m2ds;

namespace {

struct Synthetic {
    RowMatrix x, y;
    std::vector<char> heldOut;
    std::vector<double> weights, bias;  // the true map [dx, dy], [dy]
};

/// y = x·W + b + noise·N(0, 1) with x ~ N(0, 1) [n, dx]; every fifth row held out.
Synthetic makeData(std::size_t n, std::size_t dx, std::size_t dy, double noise, unsigned seed) {
    std::mt19937 random(seed);
    std::normal_distribution<double> normal;
    Synthetic data{{n, dx, {}}, {n, dy, {}}, {}, {}, {}};
    for (std::size_t i = 0; i < dx * dy; ++i) data.weights.push_back(normal(random));
    for (std::size_t j = 0; j < dy; ++j) data.bias.push_back(3.0 * normal(random));
    for (std::size_t r = 0; r < n; ++r) {
        std::vector<double> row(dx);
        for (double& v : row) v = normal(random);
        for (double v : row) data.x.values.push_back(float(v));
        for (std::size_t j = 0; j < dy; ++j) {
            double value = data.bias[j] + noise * normal(random);
            for (std::size_t i = 0; i < dx; ++i) value += row[i] * data.weights[i * dy + j];
            data.y.values.push_back(float(value));
        }
        data.heldOut.push_back(r % 5 == 4 ? 1 : 0);
    }
    return data;
}

/// R² of the readout on the held-out rows, computed here from its weights.
double directHeldOutR2(const Synthetic& data, const LinearReadout& readout) {
    const std::size_t dx = data.x.cols, dy = data.y.cols;
    std::vector<double> mean(dy, 0.0);
    std::size_t count = 0;
    for (std::size_t r = 0; r < data.x.rows; ++r)
        if (data.heldOut[r]) {
            ++count;
            for (std::size_t j = 0; j < dy; ++j) mean[j] += data.y.row(r)[j];
        }
    for (double& v : mean) v /= double(count);
    double residual = 0.0, total = 0.0;
    for (std::size_t r = 0; r < data.x.rows; ++r) {
        if (!data.heldOut[r]) continue;
        for (std::size_t j = 0; j < dy; ++j) {
            double predicted = readout.bias()[j];
            for (std::size_t i = 0; i < dx; ++i) predicted += double(data.x.row(r)[i]) * readout.weights()[i * dy + j];
            residual += std::pow(data.y.row(r)[j] - predicted, 2);
            total += std::pow(data.y.row(r)[j] - mean[j], 2);
        }
    }
    return 1.0 - residual / total;
}

}  // namespace

class TestLinearReadout : public QObject {
    Q_OBJECT
private slots:
    void recoversAKnownLinearMap() {
        const Synthetic data = makeData(500, 8, 5, 0.0, 11);
        const LinearReadout readout = LinearReadout::fit(data.x, data.y, data.heldOut);
        QCOMPARE(readout.inputDim(), std::size_t(8));
        QCOMPARE(readout.outputDim(), std::size_t(5));
        QCOMPARE(readout.trainingRows(), std::size_t(400));
        QCOMPARE(readout.heldOutRows(), std::size_t(100));
        QCOMPARE(readout.lambda(), LinearReadout::defaultLambdas().front());  // noise-free: the weakest ridge wins
        for (std::size_t i = 0; i < data.weights.size(); ++i) QVERIFY2(std::abs(readout.weights()[i] - data.weights[i]) < 1e-3, qPrintable(QString::number(i)));
        for (std::size_t j = 0; j < data.bias.size(); ++j) QVERIFY(std::abs(readout.bias()[j] - data.bias[j]) < 1e-3);
        QVERIFY(readout.r2() > 0.999999);
        std::vector<float> y(5);
        readout.apply(data.x.row(3), y.data());
        for (std::size_t j = 0; j < 5; ++j) QVERIFY(std::abs(y[j] - data.y.row(3)[j]) < 1e-3);
    }

    void heldOutR2MatchesADirectComputation() {
        const Synthetic data = makeData(600, 10, 4, 1.5, 5);
        const LinearReadout readout = LinearReadout::fit(data.x, data.y, data.heldOut);
        const double direct = directHeldOutR2(data, readout);
        QVERIFY2(std::abs(readout.r2() - direct) < 1e-9, qPrintable(QString("%1 vs %2").arg(readout.r2()).arg(direct)));
        QVERIFY(readout.r2() > 0.5 && readout.r2() < 0.95);  // the noise caps it
        QCOMPARE(LinearReadout::rSquared(data.y, data.y), 1.0);
    }

    void noiseFeaturesPickAStrongerRidge() {
        Synthetic data = makeData(60, 40, 2, 0.0, 3);  // 48 training rows for 40 features …
        std::mt19937 random(9);
        std::normal_distribution<double> normal;
        for (float& v : data.y.values) v = float(normal(random));  // … and targets unrelated to them
        const LinearReadout readout = LinearReadout::fit(data.x, data.y, data.heldOut);
        QVERIFY(readout.lambda() > LinearReadout::defaultLambdas().front());
    }

    void rejectsInconsistentInput() {
        const Synthetic data = makeData(20, 3, 2, 0.1, 1);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, LinearReadout::fit(data.x, data.y, std::vector<char>(19, 0)));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, LinearReadout::fit(data.x, data.y, std::vector<char>(20, 0)));  // nothing held out
        const LinearReadout readout = LinearReadout::fit(data.x, data.y, data.heldOut);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, readout.apply(data.y));
    }
};

QTEST_APPLESS_MAIN(TestLinearReadout)
#include "tst_LinearReadout.moc"
