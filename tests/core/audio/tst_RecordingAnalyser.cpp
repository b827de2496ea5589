// The bad-input table of issue #2: every unusable file gives an InputError naming the file and the reason.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <limits>
#include <sndfile.h>

#include "AudioFixtures.h"
#include "audio/RecordingAnalyser.h"
#include "common/Errors.h"

using namespace m2ds;

namespace {

QString writeBytes(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    if (file.open(QIODevice::WriteOnly)) file.write(bytes);
    return path;
}

}  // namespace

class TestRecordingAnalyser : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void badInputNamesFileAndReason_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("reason");
        const QString wav = dir_.filePath("whole.wav");
        QVERIFY(test::writeAudio(wav, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1, test::sine(300, 2.0, 16000)));
        QFile whole(wav);
        QVERIFY(whole.open(QIODevice::ReadOnly));
        const QByteArray bytes = whole.readAll();

        QTest::newRow("missing") << dir_.filePath("missing.wav") << "no such file";
        QTest::newRow("directory") << dir_.path() << "is a directory";
        QTest::newRow("zero length") << writeBytes(dir_.filePath("empty.wav"), {}) << "is empty";
        QTest::newRow("not audio") << writeBytes(dir_.filePath("notes.wav"), "These are my notes, not audio.\n")
                                   << "not an audio file";
        QTest::newRow("truncated wav") << writeBytes(dir_.filePath("cut.wav"), bytes.left(bytes.size() / 2 + 1))
                                       << "truncated";
        QTest::newRow("header only") << writeBytes(dir_.filePath("header.wav"), bytes.left(44))
                                     << "truncated: the header declares 64000 bytes of audio data, the file holds 0";
        const QString noSamples = dir_.filePath("no-samples.wav");
        QVERIFY(test::writeAudio(noSamples, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1, {}));
        QTest::newRow("no samples") << noSamples << "contains no audio samples";
        std::vector<float> nan = test::sine(300, 0.5, 16000);
        nan[4000] = std::numeric_limits<float>::quiet_NaN();
        const QString nanPath = dir_.filePath("nan.wav");
        QVERIFY(test::writeAudio(nanPath, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 16000, 1, nan));
        QTest::newRow("NaN sample") << nanPath << "non-finite sample (NaN or infinity) at 0.250 s";
        const QString shortPath = dir_.filePath("short.wav");
        QVERIFY(test::writeAudio(shortPath, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1, test::sine(300, 0.01, 16000)));
        QTest::newRow("shorter than one frame") << shortPath << "too short: 160 samples";
        QTest::newRow("missing, non-ASCII name") << dir_.filePath("Aufnahme-Größe-日本語.wav") << "no such file";
    }
    void badInputNamesFileAndReason() {
        QFETCH(QString, path);
        QFETCH(QString, reason);
        try {
            RecordingAnalyser().analyse(path.toStdString());
            QFAIL("bad input was accepted");
        } catch (const InputError& error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.startsWith(path + ": "), qPrintable(message));
            QVERIFY2(message.contains(reason), qPrintable(message));
        }
    }

    void nonAsciiPathLoads() {
        const QString path = dir_.filePath("Größe — 日本語 recording.flac");
        QVERIFY(test::writeAudio(path, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 16000, 1, test::sine(300, 1.0, 16000)));
        const AnalysedRecording recording = RecordingAnalyser().analyse(path.toStdString());
        QCOMPARE(recording.logMel.frameCount, std::size_t(101));
        QCOMPARE(recording.waveform.source.path, path.toStdString());
    }

private:
    QTemporaryDir dir_;
};

QTEST_APPLESS_MAIN(TestRecordingAnalyser)
#include "tst_RecordingAnalyser.moc"
