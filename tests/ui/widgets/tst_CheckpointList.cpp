// CheckpointList, offscreen: a run folder's checkpoints newest first (those of one tick of the file clock in the order
// of training), other files left out; announced checkpoints outside the folder listed while they exist, the folder's
// own listed once however their path is spelt; the selection survives a rescan; Open in Inspect and a double-click ask
// for the selected file; another run forgets the announced ones; a remote run lists what its log announced.
#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <filesystem>

#include "widgets/CheckpointList.h"

using namespace m2ds;

namespace {

namespace fs = std::filesystem;

/// Writes an empty file `name` in `folder`, last modified `secondsAgo` before `reference`.
QString writeFile(const QString& folder, const QString& name, fs::file_time_type reference, int secondsAgo) {
    const QString path = QDir(folder).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return {};
    file.close();
    fs::last_write_time(path.toStdString(), reference - std::chrono::seconds(secondsAgo));
    return path;
}

QStringList names(const CheckpointList& list) {
    QStringList result;
    for (const QString& path : list.paths()) result << QFileInfo(path).fileName();
    return result;
}

QPushButton* openButton(const CheckpointList& list) { return list.findChild<QPushButton*>("openCheckpoint"); }

}  // namespace

class TestCheckpointList : public QObject {
    Q_OBJECT
private slots:
    void init() { QVERIFY(dir_.isValid()); }

    void aRunsCheckpointsAreListedNewestFirst() {
        QTemporaryDir run;
        const auto now = fs::file_time_type::clock::now();
        writeFile(run.path(), "checkpoint-1.safetensors", now, 30);
        writeFile(run.path(), "checkpoint-3.safetensors", now, 20);
        writeFile(run.path(), "checkpoint-2.safetensors", now, 10);  // written after a resume from checkpoint-1
        writeFile(run.path(), "checkpoint-4.safetensors.partial-Ab12Cd", now, 0);
        writeFile(run.path(), "model.safetensors", now, 0);
        writeFile(run.path(), "log.jsonl", now, 0);
        CheckpointList list;
        list.setDirectory(run.path());
        QCOMPARE(names(list), (QStringList{"checkpoint-2.safetensors", "checkpoint-3.safetensors", "checkpoint-1.safetensors"}));
        QCOMPARE(list.paths().first(), QDir(run.path()).absoluteFilePath("checkpoint-2.safetensors"));
    }

    void checkpointsOfOneClockTickAreListedInTheOrderOfTraining() {
        QTemporaryDir run;
        const auto tick = fs::file_time_type::clock::now();
        for (const char* name : {"checkpoint-9.safetensors", "checkpoint-10.safetensors", "checkpoint-10-it44.safetensors", "checkpoint-2.safetensors"})
            writeFile(run.path(), name, tick, 0);
        CheckpointList list;
        list.setDirectory(run.path());
        QCOMPARE(names(list), (QStringList{"checkpoint-10.safetensors", "checkpoint-10-it44.safetensors", "checkpoint-9.safetensors",
                                           "checkpoint-2.safetensors"}));
    }

    void announcedCheckpointsAreListedOnceWhileTheyExist() {
        QTemporaryDir run, elsewhere;
        const auto now = fs::file_time_type::clock::now();
        writeFile(run.path(), "checkpoint-0.safetensors", now, 20);
        const QString outside = writeFile(elsewhere.path(), "checkpoint-7.safetensors", now, 10);
        CheckpointList list;
        list.setDirectory(run.path());
        list.addCheckpoint(outside);
        list.addCheckpoint(run.path() + "/./checkpoint-0.safetensors");  // the folder's own, spelt another way
        list.addCheckpoint(run.path() + "/checkpoint-5.safetensors");    // announced, then removed by the rotation
        QCOMPARE(names(list), (QStringList{"checkpoint-7.safetensors", "checkpoint-0.safetensors"}));
        QVERIFY(QFile::remove(outside));
        list.refresh();
        QCOMPARE(names(list), QStringList{"checkpoint-0.safetensors"});
    }

    void theSelectionSurvivesARescanAndIsWhatOpens() {
        QTemporaryDir run;
        const auto now = fs::file_time_type::clock::now();
        writeFile(run.path(), "checkpoint-0.safetensors", now, 20);
        writeFile(run.path(), "checkpoint-1.safetensors", now, 10);
        CheckpointList list;
        QSignalSpy open(&list, &CheckpointList::openRequested);
        list.setDirectory(run.path());
        QVERIFY(!openButton(list)->isEnabled());  // nothing selected yet
        list.list()->setCurrentRow(1);            // checkpoint-0
        QVERIFY(openButton(list)->isEnabled());
        writeFile(run.path(), "checkpoint-2.safetensors", now, 0);
        list.refresh();
        QCOMPARE(names(list).first(), QString("checkpoint-2.safetensors"));
        QVERIFY(list.list()->currentItem());
        QCOMPARE(QFileInfo(list.list()->currentItem()->data(Qt::UserRole).toString()).fileName(), QString("checkpoint-0.safetensors"));
        openButton(list)->click();
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.first().first().toString(), QDir(run.path()).absoluteFilePath("checkpoint-0.safetensors"));
        QListWidgetItem* newest = list.list()->item(0);
        list.list()->setCurrentItem(newest);
        emit list.list()->itemDoubleClicked(newest);
        QCOMPARE(open.count(), 2);
        QCOMPARE(QFileInfo(open.last().first().toString()).fileName(), QString("checkpoint-2.safetensors"));
    }

    void anotherRunForgetsTheAnnouncedOnes() {
        QTemporaryDir first, second, elsewhere;
        const auto now = fs::file_time_type::clock::now();
        const QString outside = writeFile(elsewhere.path(), "checkpoint-3.safetensors", now, 0);
        writeFile(second.path(), "checkpoint-0.safetensors", now, 0);
        CheckpointList list;
        list.setDirectory(first.path());
        list.addCheckpoint(outside);
        QCOMPARE(list.paths().size(), 1);
        list.setDirectory(second.path());
        QCOMPARE(names(list), QStringList{"checkpoint-0.safetensors"});
        list.setDirectory({});
        QVERIFY(list.paths().isEmpty());
    }

    void aRemoteRunListsWhatItsLogAnnouncedNewestFirst() {
        CheckpointList list;
        list.setDirectory(dir_.path());
        list.addCheckpoint(dir_.filePath("checkpoint-9.safetensors"));  // the local run's, forgotten with it
        list.setRemoteDirectory("/remote/run");
        list.addCheckpoint("/remote/run/checkpoint-0.safetensors");
        list.addCheckpoint("/remote/run/checkpoint-1.safetensors");
        list.addCheckpoint("/remote/run/checkpoint-1.safetensors");
        QCOMPARE(list.paths(), (QStringList{"/remote/run/checkpoint-1.safetensors", "/remote/run/checkpoint-0.safetensors"}));
        list.setDirectory(dir_.path());  // back to a local run: the remote ones are forgotten
        QVERIFY(list.paths().isEmpty());
    }

private:
    QTemporaryDir dir_;
};

QTEST_MAIN(TestCheckpointList)
#include "tst_CheckpointList.moc"
