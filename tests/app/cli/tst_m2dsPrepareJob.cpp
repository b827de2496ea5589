// `m2ds prepare` launched as torchrun launches it (2 and 3 processes, c10d Gloo over 127.0.0.1) on real speech
// (pocketsphinx-testdata) and one unreadable recording: the output folder is byte for byte the one a single process
// writes (files.csv, prepared.json, skipped.txt and every .npz); a process that cannot write its share fails every
// process with a clear message, and no file list is written.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "ProcessJob.h"
#include "TestData.h"

using namespace m2ds;

namespace {

const QString kSpeech = "/usr/share/pocketsphinx/test/data";

/// Every file under `folder` (relative path → bytes).
QMap<QString, QByteArray> folderContents(const QString& folder) {
    QMap<QString, QByteArray> contents;
    for (QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
        QFile file(it.next());
        file.open(QIODevice::ReadOnly);
        contents[QDir(folder).relativeFilePath(file.fileName())] = file.readAll();
    }
    return contents;
}

}  // namespace

class TestM2dsPrepareJob : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        M2DS_REQUIRE_RECORDING(kSpeech + "/cards/001.wav", "pocketsphinx-testdata");
        QVERIFY(dir_.isValid());
        for (const QString folder : {"cards", "librivox"}) {
            QVERIFY(QDir().mkpath(source(folder)));
            for (const QString& name : QDir(kSpeech + "/" + folder).entryList({"*.wav"}, QDir::Files))
                QVERIFY(QFile::copy(kSpeech + "/" + folder + "/" + name, source(folder + "/" + name)));
        }
        QFile broken(source("broken.wav"));  // skipped by whichever process has it, listed in skipped.txt
        QVERIFY(broken.open(QIODevice::WriteOnly) && broken.write("RIFF? not a wave") > 0);
        broken.close();
        const test::ProcessRun single = test::runProgram(QStringLiteral(M2DS_EXECUTABLE), prepare(dir_.filePath("single")));
        QVERIFY2(single.exitCode == 0 && single.out.contains("10 prepared"), qPrintable(single.out + single.err));
    }

    void processesWriteTheFolderOfOne_data() {
        QTest::addColumn<int>("processes");
        QTest::newRow("2 processes") << 2;
        QTest::newRow("3 processes") << 3;
    }

    void processesWriteTheFolderOfOne() {
        QFETCH(int, processes);
        const QString output = dir_.filePath(QString("job%1").arg(processes));
        const test::JobOutcome job = test::runJob(QStringLiteral(M2DS_EXECUTABLE), prepare(output), processes, 120000);
        QVERIFY(job.finished);
        for (int rank = 0; rank < processes; ++rank) QVERIFY2(job.exitCodes[rank] == 0, qPrintable(job.err[rank]));
        QVERIFY2(job.out[0].contains("10 prepared (0 already there), 1 skipped"), qPrintable(job.out[0]));
        QVERIFY2(job.out[1].contains("rank 1 of " + QString::number(processes)), qPrintable(job.out[1]));
        const QMap<QString, QByteArray> expected = folderContents(dir_.filePath("single")), actual = folderContents(output);
        QCOMPARE(actual.keys(), expected.keys());
        QVERIFY(expected.contains("files.csv") && expected.contains("skipped.txt") && expected.contains("cards/001.npz"));
        for (const QString& name : expected.keys()) QVERIFY2(actual[name] == expected[name], qPrintable(name + " differs"));
    }

    void aFailingProcessLeavesNoFileList() {
        // The librivox folder of the output is taken by a file: the processes preparing those recordings cannot write.
        const QString output = dir_.filePath("blocked");
        QVERIFY(QDir().mkpath(output));
        QFile blocker(output + "/librivox");
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const test::JobOutcome job = test::runJob(QStringLiteral(M2DS_EXECUTABLE), prepare(output), 3, 120000);
        QVERIFY(job.finished);
        const QString messages = job.err.join('\n');
        for (int rank = 0; rank < 3; ++rank) QVERIFY2(job.exitCodes[rank] == 3, qPrintable(messages));
        QVERIFY2(messages.contains(output + "/librivox: cannot create the folder"), qPrintable(messages));
        QVERIFY2(job.err[0].contains(output + "/files.csv: not written: process 1, 2 of 3 failed"), qPrintable(job.err[0]));
        QVERIFY(!QFile::exists(output + "/files.csv"));
        QVERIFY(!QFile::exists(output + "/prepared.json"));
    }

private:
    QString source(const QString& name) const { return dir_.filePath("speech/" + name); }
    QStringList prepare(const QString& output) const { return {"prepare", dir_.filePath("speech"), "-o", output, "--teacher", "mfcc"}; }

    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestM2dsPrepareJob)
#include "tst_m2dsPrepareJob.moc"
