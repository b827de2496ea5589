// End-to-end runs of the `m2ds` executable: exit codes, stderr lines, and the .npy it writes.
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <sndfile.h>

#include "AudioFixtures.h"
#include "ArrayComparison.h"
#include "audio/RecordingAnalyser.h"
#include "common/NpyFile.h"

using namespace m2ds;

namespace {

struct Run {
    int exitCode;
    QString out;
    QString err;
};

Run m2dsRun(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(M2DS_EXECUTABLE), arguments);
    process.waitForFinished(120000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

}  // namespace

class TestM2dsCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        stereo_ = dir_.filePath("stereo 44k — ü.wav");
        QVERIFY(test::writeAudio(stereo_, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 44100, 2, test::sine(440, 1.25, 44100, 2)));
    }

    void versionAndHelp() {
        const Run version = m2dsRun({"--version"});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("m2ds "));
        const Run help = m2dsRun({"--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("melspec") && help.out.contains("info") && help.out.contains("Exit codes"));
    }

    void infoDescribesConversion() {
        const Run run = m2dsRun({"info", stereo_});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("sample rate: 44100 Hz") && run.out.contains("channels:    2"), qPrintable(run.out));
        QVERIFY(run.out.contains("down-mixed to mono, resampled to 16000 Hz"));
    }

    void infoListsGoodFilesAndFailsForBadOnes() {
        const Run run = m2dsRun({"info", stereo_, dir_.filePath("nope.wav")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.contains(stereo_));
        QCOMPARE(run.err.trimmed().count('\n'), 0);
        QVERIFY2(run.err.contains(dir_.filePath("nope.wav") + ": no such file"), qPrintable(run.err));
    }

    void melspecWritesWhatCoreComputes() {
        const QString out = dir_.filePath("out.npy");
        const Run run = m2dsRun({"melspec", stereo_, "-o", out, "--mean", "-7.1", "--std", "4.2"});
        QCOMPARE(run.exitCode, 0);
        const FloatArray written = NpyFile::readFloat32(out.toStdString());
        AnalysedRecording expected = RecordingAnalyser().analyse(stereo_.toStdString());
        expected.logMel.normalise(-7.1f, 4.2f);
        QCOMPARE(written.shape, (std::vector<std::size_t>{80, expected.logMel.frameCount}));
        QCOMPARE(expected.logMel.frameCount, std::size_t(1 + 20000 / 160));
        M2DS_COMPARE_ARRAYS(test::compareArrays(written.values.data(), expected.logMel.values.data(), written.values.size()),
                            (test::Tolerance{0.0, 0.0}));
        QVERIFY(run.err.contains("converted from 2 channel(s) at 44100 Hz"));
    }

    void melspecBadInputIsOneLineAndNoOutput() {
        const QString notAudio = dir_.filePath("notes.txt");
        QFile file(notAudio);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("just text\n");
        file.close();
        const QString out = dir_.filePath("never.npy");
        const Run run = m2dsRun({"melspec", notAudio, "-o", out});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.trimmed().count('\n'), 0);
        QVERIFY2(run.err.startsWith("m2ds melspec: " + notAudio + ": not an audio file"), qPrintable(run.err));
        QVERIFY(!QFile::exists(out));
    }

    void unwritableOutputExitsThree() {
        const Run run = m2dsRun({"melspec", stereo_, "-o", dir_.filePath("no/such/dir/out.npy")});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("nothing was written"), qPrintable(run.err));
    }

    void usageErrorsExitTwo_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no subcommand") << QStringList{};
        QTest::newRow("unknown subcommand") << QStringList{"frobnicate"};
        QTest::newRow("missing output") << QStringList{"melspec", "a.wav"};
        QTest::newRow("mean without std") << QStringList{"melspec", "a.wav", "-o", "b.npy", "--mean", "1"};
        QTest::newRow("zero std") << QStringList{"melspec", "a.wav", "-o", "b.npy", "--mean", "1", "--std", "0"};
    }
    void usageErrorsExitTwo() {
        QFETCH(QStringList, arguments);
        QCOMPARE(m2dsRun(arguments).exitCode, 2);
    }

private:
    QTemporaryDir dir_;
    QString stereo_;
};

QTEST_GUILESS_MAIN(TestM2dsCli)
#include "tst_m2ds.moc"
