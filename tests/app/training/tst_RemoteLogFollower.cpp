// The remote log follower against a fake remote file: partial lines kept for the next read, a failed read
// (dropped connection, possibly after part of the bytes) thrown away and asked again, truncation and rotation.
#include <QSignalSpy>
#include <QtTest>

#include "training/RemoteLogFollower.h"

using namespace m2ds;

namespace {

/// A remote file in memory; reads answer on the next event-loop turn, or fail while `failing` is set.
class FakeRemoteFile : public RemoteFileSource {
public:
    void read(const QString&, qint64 offset, qint64 maxBytes, std::function<void(const RemoteChunk&)> done) override {
        RemoteChunk chunk;
        chunk.ok = failing == 0;
        if (failing > 0) {
            --failing;
            chunk.error = "connection reset";
            chunk.bytes = content.mid(offset, 7);  // half a transfer arrived before the drop
        } else {
            chunk.exists = exists;
            chunk.fileId = inode;
            chunk.size = content.size();
            chunk.bytes = content.mid(offset, maxBytes);
        }
        ++reads;
        QTimer::singleShot(0, [done, chunk] { done(chunk); });
    }
    QByteArray content;
    QString inode = "1";
    bool exists = true;
    int failing = 0;
    int reads = 0;
};

QByteArray step(int iteration) {
    return QByteArray(R"({"event":"step","iteration":)") + QByteArray::number(iteration) + R"(,"loss":1.5})" + "\n";
}

/// Every iteration reported, in order.
struct Collected {
    explicit Collected(RemoteLogFollower& follower) {
        QObject::connect(&follower, &RemoteLogFollower::recordsRead, [this](const TrainingLogBatch& batch) {
            for (const TrainingStep& s : batch.steps) iterations << s.iteration;
            ends += int(batch.ends.size());
        });
    }
    QList<qint64> iterations;
    int ends = 0;
};

QList<qint64> range(int from, int to) {
    QList<qint64> list;
    for (int i = from; i < to; ++i) list << i;
    return list;
}

}  // namespace

class TestRemoteLogFollower : public QObject {
    Q_OBJECT
private slots:
    void partialLinesWaitForTheirEnd() {
        FakeRemoteFile file;
        RemoteLogFollower follower(&file, "/run/log.jsonl", nullptr, 10);  // 10 bytes a read: lines arrive in pieces
        Collected got(follower);
        file.content = step(0) + step(1) + step(2).left(12);
        follower.start(0, 5);
        QTRY_COMPARE(got.iterations, range(0, 2));
        QTRY_VERIFY(follower.atEnd());
        QCOMPARE(follower.offset(), qint64(file.content.size()));  // the partial line was consumed and is kept
        file.content = step(0) + step(1) + step(2) + step(3);
        QTRY_COMPARE(got.iterations, range(0, 4));
    }

    void aFailedReadIsAskedAgainWithNothingLostOrRepeated() {
        FakeRemoteFile file;
        RemoteLogFollower follower(&file, "/run/log.jsonl", nullptr, 64);
        Collected got(follower);
        QSignalSpy lost(&follower, &RemoteLogFollower::connectionLost);
        QSignalSpy restored(&follower, &RemoteLogFollower::connectionRestored);
        for (int i = 0; i < 5; ++i) file.content += step(i);
        follower.start(0, 5);
        QTRY_COMPARE(got.iterations, range(0, 5));
        file.failing = 3;
        for (int i = 5; i < 12; ++i) file.content += step(i);
        QTRY_COMPARE(got.iterations, range(0, 12));
        QCOMPARE(lost.size(), 1);  // one loss reported for three failed reads in a row
        QCOMPARE(lost[0][0].toString(), QString("connection reset"));
        QCOMPARE(restored.size(), 1);
        QCOMPARE(follower.failedReads(), 3);
    }

    void aTruncatedLogIsReadAgainFromItsStart() {
        FakeRemoteFile file;
        RemoteLogFollower follower(&file, "/run/log.jsonl", nullptr);
        Collected got(follower);
        QSignalSpy restarted(&follower, &RemoteLogFollower::restarted);
        file.content = step(0) + step(1) + step(2);
        follower.start(0, 5);
        QTRY_COMPARE(got.iterations.size(), 3);
        file.content = step(7);
        QTRY_COMPARE(got.iterations, (QList<qint64>{0, 1, 2, 7}));
        QCOMPARE(restarted.size(), 1);
    }

    void aReplacedLogIsReadFromItsStartEvenWhenLonger() {
        FakeRemoteFile file;
        RemoteLogFollower follower(&file, "/run/log.jsonl", nullptr);
        Collected got(follower);
        file.content = step(0);
        follower.start(0, 5);
        QTRY_COMPARE(got.iterations.size(), 1);
        file.inode = "2";  // rotated: a new file under the same name
        file.content = step(10) + step(11);
        QTRY_COMPARE(got.iterations, (QList<qint64>{0, 10, 11}));
    }

    void aMissingLogIsWaitedForAndOlderRecordsCanBeSkipped() {
        FakeRemoteFile file;
        file.exists = false;
        RemoteLogFollower follower(&file, "/run/log.jsonl", nullptr);
        Collected got(follower);
        follower.start(0, 5);
        QTRY_VERIFY(file.reads >= 2);
        QVERIFY(got.iterations.isEmpty());
        file.exists = true;
        file.content = step(0) + step(1);
        const qint64 launchedAt = file.content.size();  // what was there before this launch
        follower.start(launchedAt, 5);
        file.content += step(2) + R"({"event":"end","status":"stopped","iteration":3})" "\n";
        QTRY_COMPARE(got.ends, 1);
        QCOMPARE(got.iterations, (QList<qint64>{2}));
        QVERIFY(!follower.parser().isOpen());
    }
};

QTEST_GUILESS_MAIN(TestRemoteLogFollower)
#include "tst_RemoteLogFollower.moc"
