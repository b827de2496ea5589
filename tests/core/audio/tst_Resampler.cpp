#include <QtTest>
#include <cmath>

#include "AudioFixtures.h"
#include "audio/Resampler.h"

using namespace m2ds;

namespace {

/// Amplitude of the component at `hz` (single-bin DFT over a Hann-windowed middle section).
double amplitudeAt(const std::vector<float>& samples, int rate, double hz) {
    const std::size_t begin = samples.size() / 4, count = samples.size() / 2;
    double re = 0.0, im = 0.0, windowSum = 0.0;
    for (std::size_t i = 0; i < count; ++i) {
        const double window = 0.5 - 0.5 * std::cos(2.0 * M_PI * i / count);
        const double phase = 2.0 * M_PI * hz * (begin + i) / rate;
        re += window * samples[begin + i] * std::cos(phase);
        im += window * samples[begin + i] * std::sin(phase);
        windowSum += window;
    }
    return 2.0 * std::hypot(re, im) / windowSum;
}

std::vector<float> resample(const std::vector<float>& input, int from, int to, std::size_t block) {
    Resampler resampler(from, to);
    std::vector<float> out;
    for (std::size_t i = 0; i < input.size(); i += block)
        resampler.process(input.data() + i, std::min(block, input.size() - i), out);
    resampler.finish(out);
    return out;
}

}  // namespace

class TestResampler : public QObject {
    Q_OBJECT
private slots:
    void keepsToneFrequencyAndLevel_data() {
        QTest::addColumn<int>("rate");
        QTest::addColumn<double>("hz");
        QTest::newRow("44.1k 1 kHz") << 44100 << 1000.0;
        QTest::newRow("8k 440 Hz") << 8000 << 440.0;
        QTest::newRow("48k 7 kHz") << 48000 << 7000.0;
    }
    void keepsToneFrequencyAndLevel() {
        QFETCH(int, rate);
        QFETCH(double, hz);
        const std::vector<float> input = test::sine(hz, 2.0, rate);
        const std::vector<float> out = resample(input, rate, 16000, 4096);
        QCOMPARE(out.size(), std::size_t(std::llround(input.size() * 16000.0 / rate)));
        QVERIFY2(qAbs(amplitudeAt(out, 16000, hz) - 0.5) < 0.01, "tone level changed");
        QVERIFY2(amplitudeAt(out, 16000, hz + 50.0) < 1e-3, "energy beside the tone: frequency moved");
    }

    // A 12 kHz tone cannot exist at 16 kHz; without an anti-alias filter it would fold to 4 kHz.
    void removesContentAboveNyquistWithoutAliasing() {
        const std::vector<float> out = resample(test::sine(12000.0, 2.0, 48000), 48000, 16000, 1000);
        const double folded = amplitudeAt(out, 16000, 4000.0);
        QVERIFY2(20.0 * std::log10(folded / 0.5 + 1e-12) < -80.0, qPrintable(QString("alias at %1").arg(folded)));
    }

    void blockSizeDoesNotChangeTheResult() {
        const std::vector<float> input = test::sine(300.0, 1.0, 22050);
        QCOMPARE(resample(input, 22050, 16000, 333), resample(input, 22050, 16000, 65536));
    }
};

QTEST_APPLESS_MAIN(TestResampler)
#include "tst_Resampler.moc"
