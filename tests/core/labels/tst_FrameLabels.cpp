// Segment labels → frame labels (frame centres), from TextGrid folders and label CSVs, matched by file stem.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "common/Errors.h"
#include "labels/FrameLabeler.h"
#include "labels/SegmentLabels.h"
#include "labels/TextGrid.h"

using namespace m2ds;

namespace {

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    QFile file(dir.filePath(name));
    file.open(QIODevice::WriteOnly);
    file.write(bytes);
    return dir.filePath(name);
}

}  // namespace

class TestFrameLabels : public QObject {
    Q_OBJECT
private slots:
    void framesTakeTheLabelAtTheirCentre() {
        FrameLabeler labeler;
        // 10 Hz frames, centres 0.05, 0.15, …; a segment [start, end) holds a centre when start <= centre < end.
        const std::vector<LabelledSegment> segments{{0.3, 0.55, "b"}, {0.0, 0.15, "a"}, {0.55, 0.7, "a"}};
        const auto ids = labeler.label(segments, 8, 10.0);
        const std::vector<std::string> expected{"a", "-", "-", "b", "b", "a", "a", "-"};
        for (std::size_t t = 0; t < ids.size(); ++t)
            QCOMPARE(ids[t] == FrameLabeler::kUnlabelled ? std::string("-") : labeler.names()[std::size_t(ids[t])], expected[t]);
        QCOMPARE(labeler.label({{0.0, 1.0, "b"}}, 2, 10.0), std::vector<std::int32_t>(2, ids[3]));  // ids shared across calls
    }

    void textGridFoldersSkipEmptyIntervals() {
        QTemporaryDir dir;
        TextGrid::writeIntervalTier(dir.filePath("utt1.TextGrid").toStdString(), "phones", {{0.0, 0.1, ""}, {0.1, 0.3, "AH"}}, 0.0, 0.3);
        write(dir, "notes.txt", "not a grid");
        const SegmentLabels labels = SegmentLabels::fromTextGridFolder(dir.path().toStdString(), "phones");
        QCOMPARE(labels.recordingCount(), std::size_t(1));
        const auto* segments = labels.find("/some/where/utt1.flac");
        QVERIFY(segments);
        QCOMPARE(segments->size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(segments->front().label), QString("AH"));
        QVERIFY(!labels.find("utt2.wav"));
    }

    void csvSegmentsAndClipLabels() {
        QTemporaryDir dir;
        const SegmentLabels segments = SegmentLabels::fromCsv(
            write(dir, "seg.csv", "file,start,end,label\na/x.wav,0,0.5,yes\n\"a/x.wav\",0.5,1.0,\"no, really\"\n").toStdString());
        QVERIFY(!segments.clipLevel());
        QCOMPARE(segments.find("x.wav")->at(1).label, std::string("no, really"));
        const SegmentLabels clips = SegmentLabels::fromCsv(write(dir, "clip.csv", "label,file\nen,en_1.wav\nfr,fr_1.wav\n").toStdString());
        QVERIFY(clips.clipLevel());
        FrameLabeler labeler;
        const auto ids = labeler.label(*clips.find("fr_1.wav"), 5, 50.0);
        QCOMPARE(ids, std::vector<std::int32_t>(5, 0));
    }

    void badLabelFilesAreClearErrors() {
        QTemporaryDir dir;
        const auto message = [](const std::function<void()>& read) {
            try {
                read();
            } catch (const InputError& error) {
                return QString::fromUtf8(error.what());
            }
            return QString();
        };
        const QString noColumns = write(dir, "a.csv", "path,class\nx.wav,1\n");
        QVERIFY(message([&] { SegmentLabels::fromCsv(noColumns.toStdString()); }).contains("'file' and 'label'"));
        const QString badTime = write(dir, "b.csv", "file,start,end,label\nx.wav,zero,1,a\n");
        QVERIFY(message([&] { SegmentLabels::fromCsv(badTime.toStdString()); }).contains("line 2"));
        const QString backwards = write(dir, "c.csv", "file,start,end,label\nx.wav,2,1,a\n");
        QVERIFY(message([&] { SegmentLabels::fromCsv(backwards.toStdString()); }).contains("ends before it starts"));
        QTemporaryDir empty;
        QVERIFY(message([&] { SegmentLabels::fromTextGridFolder(empty.path().toStdString(), ""); }).contains("no .TextGrid"));
        write(empty, "broken.TextGrid", "garbage");
        QVERIFY(message([&] { SegmentLabels::fromTextGridFolder(empty.path().toStdString(), ""); }).contains("broken.TextGrid"));
    }
};

QTEST_GUILESS_MAIN(TestFrameLabels)
#include "tst_FrameLabels.moc"
