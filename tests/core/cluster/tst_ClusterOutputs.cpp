// What `cluster assign` writes: run-length segments of frame ids (CSV), fairseq's .km lines and dict.km.txt.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <sstream>

#include "cluster/ClusterSegments.h"
#include "cluster/FairseqLabels.h"
#include "common/Errors.h"

using namespace m2ds;

class TestClusterOutputs : public QObject {
    Q_OBJECT
private slots:
    void segmentsAreRunsOfFrames() {
        const auto segments = ClusterSegments::fromFrames({4, 4, 4, 1, 7, 7}, 50.0);
        QCOMPARE(segments.size(), std::size_t(3));
        QCOMPARE(segments[0].end, 0.06);
        QCOMPARE(segments[1].start, 0.06);
        QCOMPARE(segments[1].label, std::string("1"));
        QCOMPARE(segments[2].end, 0.12);
        QVERIFY(ClusterSegments::fromFrames({}, 50.0).empty());
        QTemporaryDir dir;
        const QString csv = dir.filePath("s.csv");
        ClusterSegments::writeCsv(csv.toStdString(), segments);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("start_s,end_s,cluster\n0,0.06,4\n0.06,0.08,1\n0.08,0.12,7\n"));
    }

    void kmAndDictionaryAsFairseqReadsThem() {
        QTemporaryDir dir;
        const std::string km = dir.filePath("train.km").toStdString();
        const std::vector<std::vector<std::int32_t>> utterances{{3, 3, 0}, {}, {499}};
        FairseqLabels::writeKm(km, utterances);
        QCOMPARE(FairseqLabels::readKm(km), utterances);
        QFile text(QString::fromStdString(km));
        QVERIFY(text.open(QIODevice::ReadOnly));
        QCOMPARE(text.readAll(), QByteArray("3 3 0\n\n499\n"));
        const std::string dict = dir.filePath("dict.km.txt").toStdString();
        FairseqLabels::writeDictionary(dict, {2, 0, 5});
        QFile dictionary(QString::fromStdString(dict));
        QVERIFY(dictionary.open(QIODevice::ReadOnly));
        QCOMPARE(dictionary.readAll(), QByteArray("0 2\n1 0\n2 5\n"));
        QFile bad(dir.filePath("bad.km"));
        bad.open(QIODevice::WriteOnly);
        bad.write("1 2\n3 x4\n");
        bad.close();
        try {
            FairseqLabels::readKm(bad.fileName().toStdString());
            QFAIL("a bad id was read");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).contains("line 2") && QString(error.what()).contains("bad.km"), error.what());
        }
        std::istringstream escape("7\n\x1b[2J\n");  // the word comes back escaped (fuzz_km)
        try {
            FairseqLabels::readKm(escape, "upload.km");
            QFAIL("an escape sequence was read as an id");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).startsWith("upload.km: line 2: '\\x1b[2J'") && !QString(error.what()).contains('\x1b'), error.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestClusterOutputs)
#include "tst_ClusterOutputs.moc"
