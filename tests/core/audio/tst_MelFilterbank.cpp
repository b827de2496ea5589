#include <QtTest>

#include "ArrayComparison.h"
#include "TestData.h"
#include "audio/MelFilterbank.h"
#include "common/NpyFile.h"

using namespace m2ds;

class TestMelFilterbank : public QObject {
    Q_OBJECT
private slots:
    void matchesTorchaudioSlaneyFilterbank() {
        const FloatArray expected = NpyFile::readFloat32(
            test::sourcePath("tests/golden/frontend/mel_filterbank.expected.npy").toStdString());
        const MelFilterbank filterbank(16000, 400, 80, 50.0, 8000.0);
        QCOMPARE(expected.shape, (std::vector<std::size_t>{80, 201}));
        QCOMPARE(filterbank.weights().size(), expected.values.size());
        const std::vector<float> weights(filterbank.weights().begin(), filterbank.weights().end());
        M2DS_COMPARE_ARRAYS(test::compareArrays(weights.data(), expected.values.data(), expected.values.size()),
                            (test::Tolerance{1e-7, 1e-9}));
    }

    void slaneyScaleIsLinearBelowOneKilohertz() {
        QCOMPARE(MelFilterbank::hzToMel(500.0), 7.5);
        QCOMPARE(MelFilterbank::hzToMel(1000.0), 15.0);
        QVERIFY(qAbs(MelFilterbank::melToHz(MelFilterbank::hzToMel(4321.0)) - 4321.0) < 1e-9);
    }

    void applyEqualsDenseProduct() {
        const MelFilterbank filterbank(16000, 400, 80, 50.0, 8000.0);
        std::vector<double> power(201);
        for (int k = 0; k < 201; ++k) power[k] = 1.0 + 0.01 * k;
        std::vector<double> mel(80);
        filterbank.apply(power.data(), mel.data());
        for (int m = 0; m < 80; ++m) {
            double dense = 0.0;
            for (int k = 0; k < 201; ++k) dense += filterbank.weights()[m * 201 + k] * power[k];
            QVERIFY2(qAbs(mel[m] - dense) <= 1e-12 * dense, qPrintable(QString("mel %1").arg(m)));
        }
        QVERIFY(filterbank.centreHz(0) > 50.0 && filterbank.centreHz(79) < 8000.0);
    }
};

QTEST_APPLESS_MAIN(TestMelFilterbank)
#include "tst_MelFilterbank.moc"
