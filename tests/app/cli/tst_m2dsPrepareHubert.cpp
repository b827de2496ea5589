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

struct Run {
    int exitCode;
    QString err;
};

Run m2dsRun(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(M2DS_EXECUTABLE), arguments);
    process.waitForFinished(300000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardError())};
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

    void matchesTheOfficialScript() {
        const QJsonObject manifest = readJson(references() + "/manifest.json");
        const QString teacher = "hubert:" + tinyHubert() + ":" + QString::number(manifest["layer"].toInt());
        const Run prepare = m2dsRun({"prepare", dir_.filePath("speech"), "-o", dir_.filePath("prepared"), "--teacher", teacher});
        QVERIFY2(prepare.exitCode == 0, qPrintable(prepare.err));
        QCOMPARE(readJson(dir_.filePath("prepared/prepared.json"))["teacher"].toString(), teacher);
        for (const QJsonValue entry : manifest["files"].toArray()) {
            const QString name = entry.toObject()["npz"].toString();
            const NpzFile::Arrays ours = NpzFile::read(dir_.filePath("prepared/" + name).toStdString());
            const NpzFile::Arrays official = NpzFile::read((references() + "/" + name).toStdString());
            for (const char* array : {"arr_0", "arr_1"}) {
                const FloatArray& actual = NpzFile::member(ours, array, name.toStdString());
                const FloatArray& expected = NpzFile::member(official, array, name.toStdString());
                QCOMPARE(actual.shape, expected.shape);
                const auto comparison = test::compareArrays(actual.values.data(), expected.values.data(), expected.values.size());
                qInfo("%s %s %s", qPrintable(name), array, comparison.describe(kPrepared).c_str());
                M2DS_COMPARE_ARRAYS(comparison, kPrepared);
            }
            QCOMPARE(NpzFile::member(ours, "arr_2", name.toStdString()).values, NpzFile::member(official, "arr_2", name.toStdString()).values);
            QCOMPARE(double(NpzFile::member(ours, "arr_2", name.toStdString()).values[0]), entry.toObject()["arr_2"].toDouble());
        }
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
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestM2dsPrepareHubert)
#include "tst_m2dsPrepareHubert.moc"
