#include <QtTest>
#include <random>

#include "audio/LogMelFrontEnd.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"

using namespace m2ds;

namespace {
std::vector<float> noise(std::size_t count) {
    std::mt19937 generator(7);
    std::normal_distribution<float> normal(0.0f, 0.1f);
    std::vector<float> samples(count);
    for (float& sample : samples) sample = normal(generator);
    return samples;
}
}  // namespace

class TestLogMelFrontEnd : public QObject {
    Q_OBJECT
private slots:
    void frameCountIsOnePlusSamplesOverHop() {
        const LogMelFrontEnd frontEnd;
        QCOMPARE(frontEnd.frameCount(160000), std::size_t(1001));  // 10 s -> 1001 frames (spec section 1)
        QCOMPARE(frontEnd.frameCount(201), std::size_t(2));
        QCOMPARE(frontEnd.frameCount(159), std::size_t(1));
    }

    void digitalSilenceMapsToLogEpsilon() {
        const std::vector<float> silence(16000, 0.0f);
        const LogMelSpectrogram logMel = LogMelFrontEnd().compute(silence.data(), silence.size());
        QCOMPARE(logMel.melCount, 80);
        for (float value : logMel.values) QVERIFY(qAbs(value - std::log(std::numeric_limits<float>::epsilon())) < 1e-6);
    }

    void threadsGiveBitIdenticalOutput() {
        const std::vector<float> samples = noise(16000 * 7 + 123);
        const LogMelFrontEnd frontEnd;
        const LogMelSpectrogram single = frontEnd.compute(samples.data(), samples.size(), 1);
        for (int threads : {2, 3, 0}) QCOMPARE(frontEnd.compute(samples.data(), samples.size(), threads).values, single.values);
    }

    void rejectsInputShorterThanReflectPadding() {
        const std::vector<float> samples(200, 0.1f);
        try {
            LogMelFrontEnd().compute(samples.data(), samples.size());
            QFAIL("200 samples were accepted");
        } catch (const InvalidArgument& error) {
            QVERIFY2(QString(error.what()).contains("at least 201"), error.what());
        }
    }

    void reportsProgressAndHonoursCancel() {
        const std::vector<float> samples = noise(16000 * 20);
        std::vector<double> seen;
        ProgressMonitor monitor([&](double fraction) { seen.push_back(fraction); });
        LogMelFrontEnd().compute(samples.data(), samples.size(), 2, &monitor);
        QVERIFY(seen.size() > 2);
        QCOMPARE(seen.back(), 1.0);
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));

        ProgressMonitor selfCancelling;
        ProgressMonitor* self = &selfCancelling;
        selfCancelling = ProgressMonitor([self](double fraction) {
            if (fraction > 0.3) self->cancel();
        });
        QVERIFY_THROWS_EXCEPTION(CancelledError, LogMelFrontEnd().compute(samples.data(), samples.size(), 2, &selfCancelling));
    }

    void normaliseAppliesMeanAndStd() {
        LogMelSpectrogram logMel;
        logMel.values = {-7.1f, 1.3f, -15.5f};
        logMel.normalise(-7.1f, 4.2f);
        QCOMPARE(logMel.values[0], 0.0f);
        QCOMPARE(logMel.values[1], (1.3f + 7.1f) / 4.2f);
        QCOMPARE(logMel.values[2], (-15.5f + 7.1f) / 4.2f);
    }
};

QTEST_APPLESS_MAIN(TestLogMelFrontEnd)
#include "tst_LogMelFrontEnd.moc"
