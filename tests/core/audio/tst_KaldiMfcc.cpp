// Parity of KaldiMfcc with fairseq's dump_mfcc features (tests/golden/frontend/make_mfcc_references.py): synthetic
// signals, edge lengths and real 16 kHz recordings from pocketsphinx-testdata. No BLAS is involved on either side of
// the comparison (FFTW + plain loops here, committed files there), so OPENBLAS_CORETYPE cannot change the result.
#include <QFile>
#include <QtTest>
#include <cmath>

#include "ArrayComparison.h"
#include "TestData.h"
#include "audio/KaldiMfcc.h"
#include "audio/Waveform.h"
#include "audio/WaveformLoader.h"
#include "common/Errors.h"
#include "common/NpyFile.h"
#include "common/ProgressMonitor.h"

using namespace m2ds;

namespace {
const QString kFixtures = QStringLiteral("tests/golden/frontend/mfcc/");
// Against the float64 run of torchaudio's code: measured max 1.9e-6 (chirp; <= 1e-6 elsewhere) / mean 1.6e-7. Values
// reach |76| (C0 of silence), where one float32 ulp is 7.6e-6, so 1e-5 is "equal up to the last stored bit". The
// faults of deliberateFaultsAreCaught move the white-noise features by 8e-2 (pre-emphasis 0.97 -> 0.969), 0.4 (no DC
// removal), 0.8 (lifter 21), 1.2 (400-point FFT), 1.3 (low edge 25 Hz), 4 (delta window 7), 23 (no lifter) and 25
// (no pre-emphasis): 8e3 .. 2.5e6 times this bound. Code faults tried once: pre-emphasis run forwards in place
// (x[n] -= c x'[n-1]) gives 19, a periodic instead of symmetric Hann inside the povey window 0.12 (noise) .. 3 (chirp).
const test::Tolerance kFloat64Tolerance{1e-5, 5e-7};
// Against the fairseq file itself (torchaudio in float32). That file's own float32 rounding, |fairseq - float64|, is
// up to 1.6e-4 (mean 9e-6) on speech, noise, silence and tones, but up to 3e-2 on the pure chirp, whose bands far
// below the tone torchaudio's float32 FFT and mel banks cannot resolve. Elements where that rounding exceeds 1e-4 are
// rounding-sensitive: each is held to its own rounding plus kFloat64Tolerance.maxAbs (fairseqRounding below). The
// rest measure max 1.0e-4 and mean 9e-6 (speech) .. 4.2e-5 (chirp).
const test::Tolerance kFairseqTolerance{2e-4, 6e-5};
const double kRoundingSensitive = 1e-4;

FloatArray readFixture(const QString& name) {
    return NpyFile::readFloat32(test::sourcePath(kFixtures + name).toStdString());
}

std::vector<float> loadInput(const QString& input, int samples) {
    std::vector<float> wave;
    if (input.endsWith(".input.npy"))
        wave = NpyFile::readFloat32(test::sourcePath("tests/golden/frontend/" + input).toStdString()).values;
    else
        wave = WaveformLoader().load(input.toStdString()).samples;
    if (wave.size() < std::size_t(samples)) return {};
    wave.resize(samples);
    return wave;
}

test::Comparison compare(const FloatArray& actual, const FloatArray& expected, const test::Allowance& allowance = {}) {
    return test::compareArrays(actual.values.data(), expected.values.data(), expected.values.size(), {}, allowance);
}

double maxAbsDifference(const FloatArray& a, const FloatArray& b) {
    double worst = 0.0;
    for (std::size_t i = 0; i < a.values.size(); ++i) worst = std::max(worst, std::abs(double(a.values[i]) - b.values[i]));
    return worst;
}

struct Fault {
    const char* name;
    void (*apply)(KaldiMfccSettings&);
};
}  // namespace

class TestKaldiMfcc : public QObject {
    Q_OBJECT
private slots:
    void matchesFairseqDumpMfcc_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("samples");
        QTest::addColumn<int>("frames");
        QTest::addColumn<QString>("fairseq");
        QTest::addColumn<QString>("float64");
        QFile manifest(test::sourcePath(kFixtures + "manifest.tsv"));
        QVERIFY(manifest.open(QIODevice::ReadOnly | QIODevice::Text));
        manifest.readLine();  // header
        while (!manifest.atEnd()) {
            const QStringList f = QString::fromUtf8(manifest.readLine()).trimmed().split('\t');
            if (f.size() != 6) continue;
            QTest::newRow(qPrintable(f[0])) << f[1] << f[2].toInt() << f[3].toInt() << f[4] << f[5];
        }
    }

    void matchesFairseqDumpMfcc() {
        QFETCH(QString, input);
        QFETCH(int, samples);
        QFETCH(int, frames);
        QFETCH(QString, fairseq);
        QFETCH(QString, float64);
        if (!input.endsWith(".input.npy")) M2DS_REQUIRE_RECORDING(input, "pocketsphinx-testdata");
        const std::vector<float> wave = loadInput(input, samples);
        QCOMPARE(wave.size(), std::size_t(samples));
        const FloatArray features = KaldiMfcc().compute(wave.data(), wave.size(), 2);
        QCOMPARE(features.shape, (std::vector<std::size_t>{std::size_t(frames), 39}));
        QCOMPARE(features.values.size(), std::size_t(frames) * 39);
        if (frames == 0) return;  // torchaudio refuses < 400 samples; we return [0, 39] (shape checked above)

        const FloatArray exact = readFixture(float64), reference = readFixture(fairseq);
        QCOMPARE(exact.shape, features.shape);
        QCOMPARE(reference.shape, features.shape);
        const test::Comparison againstExact = compare(features, exact);
        qInfo("vs float64 torchaudio: %s", againstExact.describe(kFloat64Tolerance).c_str());
        M2DS_COMPARE_ARRAYS(againstExact, kFloat64Tolerance);

        const auto fairseqRounding = [&](std::size_t i) {
            const double own = std::abs(double(reference.values[i]) - exact.values[i]);
            return own > kRoundingSensitive ? own + kFloat64Tolerance.maxAbs : 0.0;
        };
        const test::Comparison againstFairseq = compare(features, reference, fairseqRounding);
        qInfo("vs fairseq (float32) file: %s", againstFairseq.describe(kFairseqTolerance).c_str());
        M2DS_COMPARE_ARRAYS(againstFairseq, kFairseqTolerance);
    }

    void frameCountFollowsSnipEdges() {
        const KaldiMfcc mfcc;
        QCOMPARE(mfcc.frameCount(0), std::size_t(0));
        QCOMPARE(mfcc.frameCount(399), std::size_t(0));
        QCOMPARE(mfcc.frameCount(400), std::size_t(1));
        QCOMPARE(mfcc.frameCount(559), std::size_t(1));
        QCOMPARE(mfcc.frameCount(560), std::size_t(2));
        QCOMPARE(mfcc.frameCount(16000), std::size_t(98));
        const FloatArray empty = mfcc.compute(nullptr, 0);
        QCOMPARE(empty.shape, (std::vector<std::size_t>{0, 39}));
        QVERIFY(empty.values.empty());
    }

    void singleFrameHasZeroDeltas() {
        const std::vector<float> wave = loadInput("short_400.input.npy", 400);
        const FloatArray features = KaldiMfcc().compute(wave.data(), wave.size());
        QCOMPARE(features.shape, (std::vector<std::size_t>{1, 39}));
        for (int c = 13; c < 39; ++c) QCOMPARE(features.values[c], 0.0f);  // replicate padding: all neighbours equal
        QVERIFY(features.values[0] != 0.0f);
    }

    void threadCountDoesNotChangeTheResult() {
        const std::vector<float> wave = loadInput("chirp_2s.input.npy", 32000);
        const KaldiMfcc mfcc;
        const FloatArray one = mfcc.compute(wave.data(), wave.size(), 1);
        QCOMPARE(mfcc.compute(wave.data(), wave.size(), 3).values, one.values);
        QCOMPARE(mfcc.compute(wave.data(), wave.size(), 0).values, one.values);
    }

    void waveformOverloadChecksTheRate() {
        Waveform waveform;
        waveform.samples = loadInput("white_noise_1s.input.npy", 16000);
        const KaldiMfcc mfcc;
        QCOMPARE(mfcc.compute(waveform).values, mfcc.compute(waveform.samples.data(), waveform.samples.size()).values);
        waveform.sampleRate = 8000;
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, mfcc.compute(waveform));
    }

    void rejectsSettingsOutOfRange() {
        const auto rejects = [](void (*change)(KaldiMfccSettings&)) {
            KaldiMfccSettings settings;
            change(settings);
            try {
                const KaldiMfcc mfcc(settings);
                Q_UNUSED(mfcc);
            } catch (const InvalidArgument&) {
                return true;
            }
            return false;
        };
        QVERIFY(rejects([](KaldiMfccSettings& s) { s.preemphasisCoefficient = 1.5; }));
        QVERIFY(rejects([](KaldiMfccSettings& s) { s.cepstralCount = 24; }));
        QVERIFY(rejects([](KaldiMfccSettings& s) { s.deltaWindow = 4; }));
        QVERIFY(rejects([](KaldiMfccSettings& s) { s.melBinCount = 3; s.cepstralCount = 3; }));
        QVERIFY(rejects([](KaldiMfccSettings& s) { s.lowFreqHz = 9000.0; }));
        QVERIFY(rejects([](KaldiMfccSettings& s) { s.highFreqHz = 9000.0; }));
        QVERIFY(rejects([](KaldiMfccSettings& s) { s.frameShiftMs = 0.0; }));
    }

    void cancelledMonitorStopsTheWork() {
        const std::vector<float> wave = loadInput("chirp_2s.input.npy", 32000);
        ProgressMonitor monitor;
        monitor.cancel();
        QVERIFY_THROWS_EXCEPTION(CancelledError, KaldiMfcc().compute(wave.data(), wave.size(), 2, &monitor));
        double last = 0.0;
        const ProgressMonitor reporting([&](double fraction) { last = fraction; });
        KaldiMfcc().compute(wave.data(), wave.size(), 1, &reporting);
        QCOMPARE(last, 1.0);
    }

    // Each fault must move the features far outside kFloat64Tolerance, so the parity test above would catch it.
    void deliberateFaultsAreCaught() {
        const std::vector<float> wave = loadInput("white_noise_1s.input.npy", 16000);
        const FloatArray exact = readFixture("white_noise_1s.float64.npy");
        const Fault faults[] = {
            {"pre-emphasis 0.969", [](KaldiMfccSettings& s) { s.preemphasisCoefficient = 0.969; }},
            {"no pre-emphasis", [](KaldiMfccSettings& s) { s.preemphasisCoefficient = 0.0; }},
            {"no DC removal", [](KaldiMfccSettings& s) { s.removeDcOffset = false; }},
            {"lifter 21", [](KaldiMfccSettings& s) { s.cepstralLifter = 21.0; }},
            {"no lifter", [](KaldiMfccSettings& s) { s.cepstralLifter = 0.0; }},
            {"low edge 25 Hz", [](KaldiMfccSettings& s) { s.lowFreqHz = 25.0; }},
            {"high edge 7900 Hz", [](KaldiMfccSettings& s) { s.highFreqHz = -100.0; }},
            {"400-point FFT", [](KaldiMfccSettings& s) { s.roundToPowerOfTwo = false; }},
            {"delta window 7", [](KaldiMfccSettings& s) { s.deltaWindow = 7; }},
        };
        QVERIFY(maxAbsDifference(KaldiMfcc().compute(wave.data(), wave.size()), exact) <= kFloat64Tolerance.maxAbs);
        for (const Fault& fault : faults) {
            KaldiMfccSettings settings;
            fault.apply(settings);
            const double error = maxAbsDifference(KaldiMfcc(settings).compute(wave.data(), wave.size()), exact);
            qInfo("%-20s max abs error %.2e", fault.name, error);
            QVERIFY2(error > 100 * kFloat64Tolerance.maxAbs, fault.name);
        }
    }
};

QTEST_APPLESS_MAIN(TestKaldiMfcc)
#include "tst_KaldiMfcc.moc"
