// `m2ds prepare --teacher hubert:DIR[:LAYER]` against the official speech/extract_offline_ls960.py: the .npz files of
// an utterance under 7 s (padded) and one over (as it is), made by tests/golden/hubert/make_prepared_references.py
// with the tiny HuBERT of tests/golden/hubert/tiny/base; and the teacher's bad specs as clear messages.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "ArrayComparison.h"
#include "TestData.h"
#include "common/NpzFile.h"

using namespace m2ds;

namespace {

// Log-mels hold 1e-6 (FFTW float64 against the float64 reference); the tiny HuBERT's states 1e-5 (mean 2e-6) under every
// OpenBLAS kernel, as in tst_HubertModel.
const test::Tolerance kPrepared{1e-5, 2e-6};
// About the largest |value| of the tiny HuBERT's teacher states in the references (a bfloat16 teacher's tolerance scales
// with it; measured: max abs error 0.166, mean 0.012).
constexpr double kLargestTeacherValue = 5.6;  // 5.59 and 6.01 in the two files

struct Run {
    int exitCode;
    QString err;
    QString out;
};

Run m2dsRun(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(M2DS_EXECUTABLE), arguments);
    process.waitForFinished(300000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardError()), QString::fromUtf8(process.readAllStandardOutput())};
}

QJsonObject readJson(const QString& path) {
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object();
}

QString references() { return test::sourcePath("tests/golden/hubert/prepared"); }

QString tinyHubert() { return test::sourcePath("tests/golden/hubert/tiny/base"); }

}  // namespace

class TestM2dsPrepareHubert : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QDir().mkpath(dir_.filePath("speech"));
        for (const QJsonValue entry : readJson(references() + "/manifest.json")["files"].toArray()) {
            const QString recording = entry.toObject()["recording"].toString();
            M2DS_REQUIRE_RECORDING(recording, "pocketsphinx-testdata");
            QVERIFY(QFile::copy(recording, dir_.filePath("speech/" + QFileInfo(recording).fileName())));
        }
    }

    // One recording at a time (the CPU default) and both in one length-bucketed padded batch (their padded
    // lengths differ: 7 s and 7.1 s), as CUDA runs it by default.
    void matchesTheOfficialScript_data() {
        QTest::addColumn<QString>("teacherBatch");
        QTest::newRow("one at a time") << "0";
        QTest::newRow("padded batches of 2") << "2";
    }

    void matchesTheOfficialScript() {
        QFETCH(QString, teacherBatch);
        const QJsonObject manifest = readJson(references() + "/manifest.json");
        const QString teacher = "hubert:" + tinyHubert() + ":" + QString::number(manifest["layer"].toInt());
        const QString output = dir_.filePath("prepared-batch" + teacherBatch);
        const Run prepare = m2dsRun({"prepare", dir_.filePath("speech"), "-o", output, "--teacher", teacher, "--teacher_batch", teacherBatch});
        QVERIFY2(prepare.exitCode == 0, qPrintable(prepare.err));
        QCOMPARE(readJson(output + "/prepared.json")["teacher"].toString(), teacher);
        compareWithTheOfficialFiles(output, kPrepared);
    }

    // bfloat16 (weights and activations) in padded batches: the log-mels and arr_2 as before, the teacher states
    // within 10 % of their largest magnitude (1 % on average), and prepared.json says which precision made them.
    void bfloat16TeacherStaysCloseToTheOfficialFeatures() {
        const QJsonObject manifest = readJson(references() + "/manifest.json");
        const QString teacher = "hubert:" + tinyHubert() + ":" + QString::number(manifest["layer"].toInt());
        const QString output = dir_.filePath("prepared-bfloat16");
        const Run prepare = m2dsRun({"prepare", dir_.filePath("speech"), "-o", output, "--teacher", teacher, "--teacher_batch", "2",
                                     "--teacher_dtype", "bfloat16"});
        QVERIFY2(prepare.exitCode == 0, qPrintable(prepare.err));
        QCOMPARE(readJson(output + "/prepared.json")["teacher"].toString(), teacher + " (bfloat16)");
        compareWithTheOfficialFiles(output, {0.1 * kLargestTeacherValue, 0.01 * kLargestTeacherValue});
        const Run unknown = m2dsRun({"prepare", dir_.filePath("speech"), "-o", dir_.filePath("z"), "--teacher", teacher, "--teacher_dtype", "float16"});
        QCOMPARE(unknown.exitCode, 2);
        const Run notHubert = m2dsRun({"prepare", dir_.filePath("speech"), "-o", dir_.filePath("z"), "--teacher", "mfcc", "--teacher_dtype", "bfloat16"});
        QCOMPARE(notHubert.exitCode, 2);
        QVERIFY2(notHubert.err.contains("--teacher_dtype bfloat16 is for a HuBERT teacher") && notHubert.err.contains("this teacher is mfcc"),
                 qPrintable(notHubert.err));
        QVERIFY(!QFileInfo::exists(dir_.filePath("z")));
    }

    void batchedPreparationSkipsUnreadableFilesAndResumes() {
        const QString speech = dir_.filePath("with-bad");
        QDir().mkpath(speech);
        for (const QString& name : QDir(dir_.filePath("speech")).entryList(QDir::Files))
            QVERIFY(QFile::copy(dir_.filePath("speech/" + name), speech + "/" + name));
        QFile bad(speech + "/broken.wav");
        QVERIFY(bad.open(QIODevice::WriteOnly) && bad.write("RIFF-not-really") > 0);
        bad.close();
        const QStringList arguments{"prepare", speech, "-o", dir_.filePath("resumed"), "--teacher", "hubert:" + tinyHubert() + ":2", "--teacher_batch", "4"};
        const Run first = m2dsRun(arguments);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QVERIFY2(first.out.contains("2 prepared (0 already there), 1 skipped"), qPrintable(first.out));
        QVERIFY2(first.err.contains("broken.wav"), qPrintable(first.err));
        const Run again = m2dsRun(arguments);
        QVERIFY2(again.out.contains("2 prepared (2 already there), 1 skipped"), qPrintable(again.out + again.err));
    }

    void badTeacherSpecsAreClearMessages() {
        const Run pastTheLastLayer = m2dsRun({"prepare", dir_.filePath("speech"), "-o", dir_.filePath("x"), "--teacher", "hubert:" + tinyHubert()});
        QVERIFY(pastTheLastLayer.exitCode != 0);  // the official layer 9 of a 2-layer model
        QVERIFY2(pastTheLastLayer.err.contains("teacher layer 9") && pastTheLastLayer.err.contains("0..2"), qPrintable(pastTheLastLayer.err));
        const Run noModel = m2dsRun({"prepare", dir_.filePath("speech"), "-o", dir_.filePath("y"), "--teacher", "hubert:" + dir_.filePath("none")});
        QVERIFY(noModel.exitCode != 0);
        QVERIFY2(noModel.err.contains(dir_.filePath("none")), qPrintable(noModel.err));
    }

private:
    /// Every .npz of `output` against the official script's: arr_0 (log-mel) within kPrepared, arr_1 (teacher) within
    /// `teacher`, arr_2 exact.
    void compareWithTheOfficialFiles(const QString& output, const test::Tolerance& teacher) {
        for (const QJsonValue entry : readJson(references() + "/manifest.json")["files"].toArray()) {
            const QString name = entry.toObject()["npz"].toString();
            const NpzFile::Arrays ours = NpzFile::read((output + "/" + name).toStdString());
            const NpzFile::Arrays official = NpzFile::read((references() + "/" + name).toStdString());
            for (const char* array : {"arr_0", "arr_1"}) {
                const FloatArray& actual = NpzFile::member(ours, array, name.toStdString());
                const FloatArray& expected = NpzFile::member(official, array, name.toStdString());
                QCOMPARE(actual.shape, expected.shape);
                const test::Tolerance& tolerance = std::string(array) == "arr_1" ? teacher : kPrepared;
                const auto comparison = test::compareArrays(actual.values.data(), expected.values.data(), expected.values.size());
                qInfo("%s %s %s", qPrintable(name), array, comparison.describe(tolerance).c_str());
                M2DS_COMPARE_ARRAYS(comparison, tolerance);
            }
            QCOMPARE(NpzFile::member(ours, "arr_2", name.toStdString()).values, NpzFile::member(official, "arr_2", name.toStdString()).values);
            QCOMPARE(double(NpzFile::member(ours, "arr_2", name.toStdString()).values[0]), entry.toObject()["arr_2"].toDouble());
        }
    }

    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestM2dsPrepareHubert)
#include "tst_m2dsPrepareHubert.moc"
