// `m2ds probe` and `m2ds similarity` end to end on real speech (asterisk digits in three languages): the demo model's
// layers against the log-mel baseline, labels from folders, a path regex and a CSV with groups, the clip-embedding
// cache, a HuBERT folder, and the bad inputs of issue 11 each a clear message.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "ProcessJob.h"
#include "TestData.h"

using namespace m2ds;

namespace {

const QString kDigits = "/usr/share/asterisk/sounds/%1/digits/%2.wav";
const QStringList kLanguages{"en_US_f_Allison", "es_MX_f_Allison", "fr_CA_f_June"};
constexpr int kDigitCount = 8;

using Run = test::ProcessRun;

Run m2dsRun(const QStringList& arguments) { return test::runProgram(QStringLiteral(M2DS_EXECUTABLE), arguments); }

QJsonObject readJson(const QString& path) {
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object();
}

QString demoModel() { return test::sourcePath("models/demo/m2d_s_vit_demo-80x208p80x2.safetensors"); }

void writeText(const QString& path, const QByteArray& text) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

}  // namespace

class TestM2dsProbe : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        speech_ = dir_.filePath("speech");
        for (const QString& language : kLanguages) {
            M2DS_REQUIRE_RECORDING(kDigits.arg(language, "0"), "asterisk-core-sounds-" + language.left(2) + "-wav");
            QDir().mkpath(speech_ + "/" + language.left(2));
            for (int digit = 0; digit < kDigitCount; ++digit)
                QVERIFY(QFile::copy(kDigits.arg(language).arg(digit), speech_ + QString("/%1/%2.wav").arg(language.left(2)).arg(digit)));
        }
        cache_ = dir_.filePath("cache");
    }

    void languagesOfTheDemoModelAgainstTheBaseline() {
        const QString report = dir_.filePath("languages.json");
        const Run run = m2dsRun({"probe", "--model", demoModel(), "--labels", speech_, "--folds", "4", "--cache", cache_, "-o", report});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("log-mel mean+std baseline") && run.out.contains("24 examples, 3 labels, 4-fold stratified"), qPrintable(run.out));
        QVERIFY2(run.err.contains("24 recordings: 0 cached, 24 to compute"), qPrintable(run.err));
        const QJsonObject json = readJson(report);
        const QJsonArray layers = json["layers"].toArray();
        QVERIFY(layers.size() >= 3);
        for (const QJsonValue& layer : layers) {
            const double accuracy = layer["accuracy"].toDouble(-1);
            QVERIFY(accuracy >= 0.0 && accuracy <= 1.0);
            QVERIFY(layer.toObject().contains("std") && layer.toObject().contains("f1"));
        }
        QCOMPARE(json["baseline"]["features"].toString(), QString("log-mel mean+std"));
        QVERIFY(json["baseline"]["accuracy"].toDouble() > 0.5);  // one speaker per language: the spectrum alone tells them apart
        const QJsonArray weights = json["weighted_sum"]["weights"].toArray();
        QCOMPARE(weights.size(), layers.size());
        double sum = 0.0;
        for (const QJsonValue& weight : weights) sum += weight.toDouble();
        QVERIFY(std::abs(sum - 1.0) < 1e-6);
        QCOMPARE(json["folds"].toInt(), 4);
        QCOMPARE(json["provenance"]["checkpoint"].toString(), demoModel());

        const Run again = m2dsRun({"probe", "--model", demoModel(), "--labels", speech_, "--folds", "4", "--cache", cache_, "-o", report});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY2(again.err.contains("24 recordings: 24 cached, 0 to compute"), qPrintable(again.err));
        QCOMPARE(readJson(report)["layers"].toArray(), layers);  // the same folds and cached embeddings give the same numbers
    }

    void digitsFromACsvWithLanguagesAsGroups() {
        QByteArray csv = "file,label,language\n";
        for (const QString& language : kLanguages)
            for (int digit = 0; digit < 4; ++digit)
                csv += QString("speech/%1/%2.wav,%2,%1\n").arg(language.left(2)).arg(digit).toUtf8();
        writeText(dir_.filePath("digits.csv"), csv);
        const QString report = dir_.filePath("digits.json");
        const Run run = m2dsRun({"probe", "--model", demoModel(), "--labels", dir_.filePath("digits.csv"), "--group", "language", "--layers",
                                 "0,4", "--folds", "3", "--cache", cache_, "-o", report});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject json = readJson(report);
        QCOMPARE(json["fold_kind"].toString(), QString("group"));
        QCOMPARE(json["layers"].toArray().size(), 2);
    }

    void labelsByRegexAndAHubertFolder() {
        const QString report = dir_.filePath("hubert.json");
        const Run run = m2dsRun({"probe", "--model", test::sourcePath("tests/golden/hubert/tiny/base"), "--labels", speech_, "--regex",
                                 "^(en|fr)/", "--folds", "2", "--cache", cache_, "-o", report});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains("did not match --regex"), qPrintable(run.err));
        QCOMPARE(readJson(report)["labels"].toObject().keys(), (QStringList{"en", "fr"}));
    }

    void frameLevelFromSegmentLabels() {
        const QString frames = dir_.filePath("frames");
        QVERIFY(QDir().mkpath(frames));
        QByteArray csv = "file,start,end,label\n";
        for (const QString& language : kLanguages)
            for (int digit = 0; digit < 4; ++digit) {
                const QString stem = QString("%1_%2").arg(language.left(2)).arg(digit);
                QVERIFY(QFile::copy(kDigits.arg(language).arg(digit), frames + "/" + stem + ".wav"));
                csv += QString("%1.wav,0,0.2,onset\n%1.wav,0.2,60,%2\n").arg(stem, language.left(2)).toUtf8();
            }
        writeText(dir_.filePath("segments.csv"), csv);
        const QString report = dir_.filePath("frames.json");
        const Run run = m2dsRun({"probe", "--model", demoModel(), "--frame-labels", dir_.filePath("segments.csv"), frames, "--layers", "0,4",
                                 "--folds", "3", "--max-frames", "1200", "-o", report});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject json = readJson(report);
        QCOMPARE(json["level"].toString(), QString("frame"));
        QCOMPARE(json["fold_kind"].toString(), QString("group"));  // frames of one recording never straddle folds
        QVERIFY(json["examples"].toInt() > 300);
        QCOMPARE(json["labels"].toObject().keys(), (QStringList{"en", "es", "fr", "onset"}));
        const double last = json["layers"].toArray()[1].toObject()["accuracy"].toDouble();
        QVERIFY2(last > 0.5, qPrintable(QString::number(last)));  // the largest class (a language) holds under 30% of the frames
    }

    void unreadableRecordingsAreSkippedAndCounted() {
        const QString set = dir_.filePath("with-broken");
        QVERIFY(QDir().mkpath(set + "/en") && QDir().mkpath(set + "/es"));
        for (int digit = 0; digit < 6; ++digit) {
            QVERIFY(QFile::copy(kDigits.arg(kLanguages[0]).arg(digit), set + QString("/en/%1.wav").arg(digit)));
            QVERIFY(QFile::copy(kDigits.arg(kLanguages[1]).arg(digit), set + QString("/es/%1.wav").arg(digit)));
        }
        writeText(set + "/es/broken.wav", "RIFF....WAVEfmt not really");
        const QString report = dir_.filePath("broken.json");
        const Run run = m2dsRun({"probe", "--model", demoModel(), "--labels", set, "--folds", "3", "--cache", cache_, "-o", report});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains("skipped") && run.err.contains("broken.wav"), qPrintable(run.err));
        QVERIFY2(run.out.contains("1 recording(s) skipped"), qPrintable(run.out));
        QCOMPARE(readJson(report)["skipped"].toArray().size(), 1);
    }

    void badLabelledSetsAreClearErrors() {
        const QString one = dir_.filePath("one-label");
        QVERIFY(QDir().mkpath(one + "/en"));
        QVERIFY(QFile::copy(kDigits.arg(kLanguages[0]).arg(0), one + "/en/0.wav"));
        Run run = m2dsRun({"probe", "--model", demoModel(), "--labels", one, "--cache", cache_, "-o", dir_.filePath("x.json")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("only one label 'en'"), qPrintable(run.err));
        run = m2dsRun({"probe", "--model", demoModel(), "--labels", speech_, "--folds", "9", "--cache", cache_, "-o", dir_.filePath("x.json")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("fewer than the 9 folds"), qPrintable(run.err));
        QVERIFY(!QFile::exists(dir_.filePath("x.json")));
        run = m2dsRun({"probe", "--model", demoModel(), "--labels", dir_.filePath("missing"), "-o", dir_.filePath("x.json")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("missing"), qPrintable(run.err));
    }

    void layerSimilarityOfOneModelAndOfTwo() {
        const QString csv = dir_.filePath("cka.csv");
        Run run = m2dsRun({"similarity", "--model", demoModel(), speech_, "--max-frames", "600", "-o", csv});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList rows = QString::fromUtf8(file.readAll()).trimmed().split('\n');
        const QStringList header = rows.front().split(',');
        QCOMPARE(rows.size(), header.size());  // square: a header plus one row per layer, a first column plus one per layer
        for (int r = 1; r < rows.size(); ++r) QCOMPARE(rows[r].split(',')[r].toDouble(), 1.0);
        run = m2dsRun({"similarity", "--model", demoModel(), "--model", test::sourcePath("tests/golden/hubert/tiny/base"), "--labels", speech_,
                       "--layers", "last", "--max-frames", "300", "-o", dir_.filePath("ab.csv")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

private:
    QTemporaryDir dir_;
    QString speech_;
    QString cache_;
};

QTEST_GUILESS_MAIN(TestM2dsProbe)
#include "tst_m2dsProbe.moc"
