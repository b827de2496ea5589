// Parity of the log-mel front-end with the float64 torchaudio reference (tests/golden/make_frontend_references.py),
// on synthetic signals and on real 16 kHz recordings from pocketsphinx-testdata.
#include <QFile>
#include <QtTest>
#include <cmath>
#include <limits>

#include "ArrayComparison.h"
#include "TestData.h"
#include "audio/LogMelFrontEnd.h"
#include "audio/WaveformLoader.h"
#include "common/NpyFile.h"

using namespace m2ds;

namespace {
// Issue #2 asks for max abs 1e-3 / mean abs 1e-5 (log domain, where the mel power is above 1e-8). The float64
// FFT and filterbank land at float32 rounding (max ~1e-6, mean ~3e-8), so the test holds them to 10x that.
const test::Tolerance kLogMelTolerance{1e-5, 3e-7};
const double kPowerFloor = 1e-8;
}  // namespace

class TestLogMelParity : public QObject {
    Q_OBJECT
private slots:
    void matchesReference_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("frames");
        QFile manifest(test::sourcePath("tests/golden/frontend/manifest.tsv"));
        QVERIFY(manifest.open(QIODevice::ReadOnly | QIODevice::Text));
        manifest.readLine();  // header
        while (!manifest.atEnd()) {
            const QStringList fields = QString::fromUtf8(manifest.readLine()).trimmed().split('\t');
            if (fields.size() != 4) continue;
            QTest::newRow(qPrintable(fields[0])) << fields[1] << fields[2] << fields[3].toInt();
        }
    }

    void matchesReference() {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QFETCH(int, frames);
        std::vector<float> samples;
        if (input.endsWith(".input.npy")) {
            samples = NpyFile::readFloat32(test::sourcePath("tests/golden/frontend/" + input).toStdString()).values;
        } else {
            M2DS_REQUIRE_RECORDING(input, "pocketsphinx-testdata");
            samples = WaveformLoader().load(input.toStdString()).samples;
        }
        const FloatArray reference = NpyFile::readFloat32(test::sourcePath("tests/golden/frontend/" + expected).toStdString());
        const LogMelSpectrogram logMel = LogMelFrontEnd().compute(samples.data(), samples.size());
        QCOMPARE(logMel.frameCount, std::size_t(frames));
        QCOMPARE(reference.shape, (std::vector<std::size_t>{80, std::size_t(frames)}));
        const float eps = std::numeric_limits<float>::epsilon();
        const auto aboveFloor = [&](std::size_t i) { return std::exp(double(reference.values[i])) - eps > kPowerFloor; };
        const test::Comparison comparison =
            test::compareArrays(logMel.values.data(), reference.values.data(), reference.values.size(), aboveFloor);
        qInfo("%s", comparison.describe(kLogMelTolerance).c_str());
        M2DS_COMPARE_ARRAYS(comparison, kLogMelTolerance);
        // Below the floor (near digital silence) the values must still agree loosely.
        M2DS_COMPARE_ARRAYS(test::compareArrays(logMel.values.data(), reference.values.data(), reference.values.size()),
                            (test::Tolerance{0.1, 1e-4}));
    }
};

QTEST_APPLESS_MAIN(TestLogMelParity)
#include "tst_LogMelParity.moc"
