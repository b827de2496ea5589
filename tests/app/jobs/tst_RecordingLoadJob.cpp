// RecordingLoadJob: a stereo 44.1 kHz file comes back as 16 kHz mono with its 80-band log-mel, band centres and
// summaries, and says what was converted; a 16 kHz mono file says nothing was; a cancelled job does no work; failures
// name the file (an unreadable one in core's words, running out of memory and anything else with the path).
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <sndfile.h>
#include <stdexcept>

#include "AudioFixtures.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "jobs/RecordingLoadJob.h"

using namespace m2ds;

class TestRecordingLoadJob : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void aStereoFileIsDownMixedAndResampledAndSaysSo() {
        const QString path = dir_.filePath("stereo.wav");
        QVERIFY(test::writeAudio(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 44100, 2, test::sine(440.0, 0.5, 44100, 2)));
        const RecordingDataPtr data = RecordingLoadJob(path)(ProgressMonitor());
        QCOMPARE(data->path, path);
        QCOMPARE(data->sampleRate, 16000);
        QVERIFY(std::abs(double(data->samples.size()) - 8000.0) <= 2.0);
        QVERIFY2(data->sourceDescription.contains("44100 Hz, 2 channels"), qPrintable(data->sourceDescription));
        QVERIFY2(data->sourceDescription.contains("down-mixed to mono, resampled to 16000 Hz"), qPrintable(data->sourceDescription));
        QCOMPARE(data->melCount, 80);
        QCOMPARE(data->frameCount, 1 + data->samples.size() / 160);
        QCOMPARE(data->logMel.size(), std::size_t(80) * data->frameCount);
        QCOMPARE(data->melCentreHz.size(), std::size_t{80});
        QVERIFY(std::is_sorted(data->melCentreHz.begin(), data->melCentreHz.end()));
        QVERIFY(data->melCentreHz.front() > 50.0 && data->melCentreHz.back() < 8000.0);
        QVERIFY(data->samplesSummary && data->logMelSummary);
    }

    void aSixteenKilohertzMonoFileNeedsNoConversion() {
        const QString path = dir_.filePath("mono.wav");
        QVERIFY(test::writeAudio(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1, test::sine(300.0, 0.25, 16000)));
        const RecordingDataPtr data = RecordingLoadJob(path)(ProgressMonitor());
        QCOMPARE(data->samples.size(), std::size_t{4000});
        QVERIFY2(data->sourceDescription.endsWith("16000 Hz, 1 channel"), qPrintable(data->sourceDescription));
    }

    void aCancelledJobDoesNoWork() {
        ProgressMonitor monitor;
        monitor.cancel();
        QVERIFY_THROWS_EXCEPTION(CancelledError, RecordingLoadJob(dir_.filePath("missing.wav"))(monitor));  // not an InputError
    }

    void failuresNameTheFile() {
        const QString missing = dir_.filePath("missing.wav");
        const RecordingLoadJob job(missing);
        try {
            job(ProgressMonitor());
            QFAIL("a missing file loaded");
        } catch (const InputError& error) {
            const QString message = job.describeFailure(error);
            QCOMPARE(message, QString::fromUtf8(error.what()));  // core's message names the file already: not twice
            QVERIFY2(message.startsWith(missing + ": ") && message.count(missing) == 1, qPrintable(message));
        }
        QCOMPARE(job.describeFailure(std::bad_alloc()), missing + ": not enough memory to open this recording");
        QCOMPARE(job.describeFailure(std::runtime_error("disk on fire")), missing + ": disk on fire");
    }

private:
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestRecordingLoadJob)
#include "tst_RecordingLoadJob.moc"
