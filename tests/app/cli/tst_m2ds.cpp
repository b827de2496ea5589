// End-to-end runs of the `m2ds` executable: exit codes, stderr lines, and the .npy it writes.
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <sndfile.h>

#include "AudioFixtures.h"
#include "ArrayComparison.h"
#include "ModelFixtures.h"
#include "ProcessJob.h"
#include "TestData.h"
#include "audio/RecordingAnalyser.h"
#include "common/NpyFile.h"

using namespace m2ds;

namespace {

using Run = test::ProcessRun;

Run m2dsRun(const QStringList& arguments) { return test::runProgram(QStringLiteral(M2DS_EXECUTABLE), arguments); }

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
        QVERIFY2(version.out.contains("\nBLAS: "), qPrintable(version.out));  // which kernel computed, for bug reports
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

    void ckptInfoDescribesTheOfficialTinyCheckpoint() {
        const Run run = m2dsRun({"ckpt", "info", test::tinyCheckpoint()});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("contents:    model, optimizer, epoch, scaler, args  (epoch 3)"), qPrintable(run.out));
        QVERIFY(run.out.contains("m2d_s_vit_tiny-80x64p80x2"));
        QVERIFY(run.out.contains("full training model: encoder, predictor, target encoder, offline head"));
        QVERIFY(run.out.contains("parameters:  75408"));
        QVERIFY(run.out.contains("M2D fallback"));
    }

    void hostileCheckpointIsRefusedWithOneLine() {
        const Run run = m2dsRun({"ckpt", "info", test::tinyFixture("bad/hostile.pth")});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.trimmed().count('\n'), 0);
        QVERIFY2(run.err.contains("names 'posix.system'"), qPrintable(run.err));
    }

    // Weights that do not fit their geometry: one line naming the checkpoint, for ckpt info, convert and extract.
    void mismatchedWeightsNameTheCheckpoint() {
        for (const QString& bad : {QStringLiteral("bad/wrong_shape.pth"), QStringLiteral("bad/missing_key.pth")})
            for (const QStringList& command : {QStringList{"ckpt", "info", test::tinyFixture(bad)},
                                               QStringList{"ckpt", "convert", test::tinyFixture(bad), dir_.filePath("x.safetensors")},
                                               QStringList{"extract", "--model", test::tinyFixture(bad), stereo_, "-o", dir_.filePath("x.csv")}}) {
                const Run run = m2dsRun(command);
                QCOMPARE(run.exitCode, 1);
                QVERIFY2(run.err.contains(test::tinyFixture(bad) + ": ") && run.err.count('\n') == 1, qPrintable(run.err));
            }
        QVERIFY(!QFileInfo::exists(dir_.filePath("x.safetensors")) && !QFileInfo::exists(dir_.filePath("x.csv")));
    }

    void convertThenExtractWritesCsvAndSidecar() {
        const QString converted = dir_.filePath("tiny.safetensors");
        QCOMPARE(m2dsRun({"ckpt", "convert", test::tinyCheckpoint(), converted, "--mean", "-9", "--std", "4"}).exitCode, 0);
        const QString csv = dir_.filePath("emb.csv");
        const Run run = m2dsRun({"extract", "--model", converted, "--layers", "0,2", stereo_, "-o", csv});
        QCOMPARE(run.exitCode, 0);
        QFile table(csv);
        QVERIFY(table.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines = QString::fromUtf8(table.readAll()).split('\n', Qt::SkipEmptyParts);
        QVERIFY(lines.first().startsWith("file,layer,frame,start_ms,end_ms,d0,") && lines.first().endsWith(",d31"));
        QCOMPARE(lines.size(), 1 + 2 * 63);  // 1.25 s -> 126 log-mel frames -> 63 embedding frames, 2 layers
        QVERIFY2(lines[1].contains(",0,0,0.0,20.0,"), qPrintable(lines[1]));
        QVERIFY(lines.last().contains(",2,62,1240.0,1260.0,"));
        QFile sidecar(csv + ".json");
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        const QByteArray json = sidecar.readAll();
        QVERIFY(json.contains("\"checkpoint_sha256\"") && json.contains("-9.0") && json.contains("\"layers\""));
    }

    void extractClipLevelNpy() {
        const QString npy = dir_.filePath("clip.npy");
        QCOMPARE(m2dsRun({"extract", "--model", test::tinyCheckpoint(), "--layers", "all", "--clip", stereo_, stereo_, "-o", npy}).exitCode, 0);
        const FloatArray clip = NpyFile::readFloat32(npy.toStdString());
        QCOMPARE(clip.shape, (std::vector<std::size_t>{2, 3, 32}));
        QCOMPARE(m2dsRun({"extract", "--model", test::tinyCheckpoint(), "--layers", "13", stereo_, "-o", npy}).exitCode, 2);
    }

    // Frames of several recordings in one .npy (with its index), a pooled clip CSV, the projector folder; bad choices.
    void extractFormatsAndPooling() {
        const QString npy = dir_.filePath("frames.npy");
        QCOMPARE(m2dsRun({"extract", "--model", test::tinyCheckpoint(), "--layers", "1,2", stereo_, stereo_, "-o", npy}).exitCode, 0);
        QCOMPARE(NpyFile::readFloat32(npy.toStdString()).shape, (std::vector<std::size_t>{2, 2 * 63, 32}));
        QVERIFY(QFile::exists(npy + ".index.csv"));
        const QString csv = dir_.filePath("pooled.csv");
        QCOMPARE(m2dsRun({"extract", "--model", test::tinyCheckpoint(), "--clip", "--pooling", "mean+std", stereo_, "-o", csv}).exitCode, 0);
        QFile table(csv);
        QVERIFY(table.open(QIODevice::ReadOnly));
        QVERIFY(table.readLine().trimmed().endsWith(",d63"));
        const QString folder = dir_.filePath("projector");
        QCOMPARE(m2dsRun({"extract", "--model", test::tinyCheckpoint(), "--format", "projector", stereo_, "-o", folder}).exitCode, 0);
        for (const char* name : {"tensors.tsv", "metadata.tsv", "projector_config.pbtxt", "provenance.json"})
            QVERIFY2(QFile::exists(folder + "/" + name), name);
        QCOMPARE(m2dsRun({"extract", "--model", test::tinyCheckpoint(), "--pooling", "max", stereo_, "-o", csv}).exitCode, 2);
        QCOMPARE(m2dsRun({"extract", "--model", test::tinyCheckpoint(), "--clip", "--pooling", "median", stereo_, "-o", csv}).exitCode, 2);
        QCOMPARE(m2dsRun({"extract", "--model", test::tinyCheckpoint(), "--format", "parquet", stereo_, "-o", csv}).exitCode, 2);
        QCOMPARE(m2dsRun({"extract", "--model", test::tinyCheckpoint(), stereo_, "-o", dir_.filePath("x.tsv")}).exitCode, 3);
    }

    // Three 2-chunk files with 4 chunks per pass: the first two share a pass, the third comes alone; the frames equal
    // one chunk per pass up to float rounding.
    void shortFilesSharingPassesWriteTheSameFrames() {
        const QString alone = dir_.filePath("alone.npy"), shared = dir_.filePath("shared.npy");
        const QStringList files{stereo_, stereo_, stereo_};
        QCOMPARE(m2dsRun(QStringList{"extract", "--model", test::tinyCheckpoint(), "--chunks_per_pass", "1"} + files + QStringList{"-o", alone}).exitCode, 0);
        QCOMPARE(m2dsRun(QStringList{"extract", "--model", test::tinyCheckpoint(), "--chunks_per_pass", "4"} + files + QStringList{"-o", shared}).exitCode, 0);
        const FloatArray expected = NpyFile::readFloat32(alone.toStdString()), actual = NpyFile::readFloat32(shared.toStdString());
        QCOMPARE(actual.shape, (std::vector<std::size_t>{3 * 63, 32}));  // the frames of the three files, one after the other
        QCOMPARE(actual.shape, expected.shape);
        M2DS_COMPARE_ARRAYS(test::compareArrays(actual.values.data(), expected.values.data(), expected.values.size()), (test::Tolerance{1e-4, 1e-5}));
    }

    // A HuBERT folder's hidden states of recordings of 0.3, 1.25 (44.1 kHz stereo), 2 and 0.7 s, three per pass, grouped
    // by length: each file's frames equal one per pass up to float rounding.
    void hubertFilesInOnePassWriteTheSameFrames() {
        QStringList files{stereo_};
        for (const double seconds : {0.3, 2.0, 0.7}) {
            files << dir_.filePath(QString("tone %1 s.wav").arg(seconds));
            QVERIFY(test::writeAudio(files.back(), SF_FORMAT_WAV | SF_FORMAT_FLOAT, 16000, 1, test::sine(300.0 * seconds, seconds, 16000)));
        }
        const QString hubert = test::sourcePath("tests/golden/hubert/tiny/base"), alone = dir_.filePath("alone.npy"), batched = dir_.filePath("batched.npy");
        const QStringList extract{"extract", "--model", hubert, "--layers", "all"};
        Run run = m2dsRun(extract + QStringList{"--batch", "1"} + files + QStringList{"-o", alone});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = m2dsRun(extract + QStringList{"--batch", "3"} + files + QStringList{"-o", batched});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const FloatArray expected = NpyFile::readFloat32(alone.toStdString()), actual = NpyFile::readFloat32(batched.toStdString());
        QCOMPARE(actual.shape, expected.shape);
        QCOMPARE(actual.shape.front(), std::size_t(3));  // hidden_states 0..2 of the tiny model
        // Each model's own batching option only: a clear usage error for the other's.
        run = m2dsRun({"extract", "--model", hubert, "--chunks_per_pass", "4", stereo_, "-o", dir_.filePath("x.npy")});
        QVERIFY2(run.exitCode == 2 && run.err.contains("--chunks_per_pass is for an M2D checkpoint"), qPrintable(run.err));
        run = m2dsRun({"extract", "--model", test::tinyCheckpoint(), "--batch", "4", stereo_, "-o", dir_.filePath("x.npy")});
        QVERIFY2(run.exitCode == 2 && run.err.contains("--batch is for a HuBERT folder"), qPrintable(run.err));
        M2DS_COMPARE_ARRAYS(test::compareArrays(actual.values.data(), expected.values.data(), expected.values.size()), (test::Tolerance{1e-4, 1e-5}));
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
