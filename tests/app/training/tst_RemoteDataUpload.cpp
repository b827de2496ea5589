// RemoteDataUpload through a real OpenSSH server on 127.0.0.1 (tests/support/LocalTrainingHosts): a small folder
// of WAVs of the test speech (in a sub-folder too) uploaded to the target's data/ folder arrives byte for byte,
// a second upload sends nothing, a changed file alone is sent again, `~/…` is in the login's home; a missing local folder, a remote folder
// that cannot be created, a host that is not listening and a cancelled upload each say so in one line. When sshd
// cannot start the test says why: a skip on a developer's machine, a failure under CI=true.
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QtTest>
#include <unistd.h>

#include "LocalTrainingHosts.h"
#include "ProcessJob.h"
#include "TestData.h"
#include "training/RemoteDataUpload.h"

using namespace m2ds;

namespace {

const QString kSpeech = "/usr/share/pocketsphinx/test/data";

QByteArray contentsOf(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// The files under `folder`, relative, sorted.
QStringList filesUnder(const QString& folder) {
    QStringList files;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) files << QDir(folder).relativeFilePath(it.next());
    files.sort();
    return files;
}

}  // namespace

class TestRemoteDataUpload : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        test::isolateSettings();
        M2DS_REQUIRE(test::LocalTrainingHosts::missingRecordings().isEmpty(), test::LocalTrainingHosts::missingRecordings());
        const QString problem = hosts_.startSsh();
        M2DS_REQUIRE(problem.isEmpty(), problem);
        target_ = hosts_.sshTarget();
        local_ = hosts_.path("my speech");  // a space in the name: quoted for the remote shell and rsync
        QVERIFY(QDir().mkpath(local_ + "/more"));
        for (const QString name : {"001.wav", "002.wav", "003.wav"}) QVERIFY(QFile::copy(kSpeech + "/cards/" + name, local_ + "/" + name));
        QVERIFY(QFile::copy(kSpeech + "/cards/004.wav", local_ + "/more/004.wav"));
    }

    void cleanupTestCase() { test::LocalTrainingHosts::closeConnection(target_, controlFolder()); }

    void uploadsTheFolderOnceAndThenOnlyWhatChanged() {
        const QString remote = target_.remotePath("data/my speech");
        QCOMPARE(RemoteDataUpload::defaultDestination(target_, local_ + "/"), remote);
        RemoteDataUpload upload(RemoteShell(target_, controlFolder()));
        QSignalSpy progress(&upload, &RemoteDataUpload::progress);

        QCOMPARE(uploadAndWait(upload, local_), QString());
        QCOMPARE(finished_.value(0).toString(), remote);
        QCOMPARE(finished_.value(1).toLongLong(), 4);  // files sent
        QVERIFY(finished_.value(2).toLongLong() > 0);
        QVERIFY(!progress.isEmpty() && progress.last()[0].toInt() == 100);
        QCOMPARE(filesUnder(remote), filesUnder(local_));
        for (const QString& file : filesUnder(local_)) QVERIFY2(contentsOf(remote + "/" + file) == contentsOf(local_ + "/" + file), qPrintable(file));

        QCOMPARE(uploadAndWait(upload, local_), QString());  // again: the host has it all
        QCOMPARE(finished_.value(1).toLongLong(), 0);
        QCOMPARE(finished_.value(2).toLongLong(), 0);

        QFile changed(local_ + "/more/004.wav");
        QVERIFY(changed.open(QIODevice::Append) && changed.write(QByteArray(16, '\0')) == 16);
        changed.close();
        QCOMPARE(uploadAndWait(upload, local_), QString());
        QCOMPARE(finished_.value(1).toLongLong(), 1);
        QVERIFY(contentsOf(remote + "/more/004.wav") == contentsOf(local_ + "/more/004.wav"));
    }

    void aFolderInTheLoginsHome() {
        RemoteDataUpload upload(RemoteShell(target_, controlFolder()));
        QCOMPARE(uploadAndWait(upload, local_, "~/data/tilde"), QString());
        QCOMPARE(finished_.value(0).toString(), hosts_.home() + "/data/tilde");  // the home of the login (sshd's $HOME)
        QCOMPARE(filesUnder(hosts_.home() + "/data/tilde"), filesUnder(local_));
    }

    void aMissingLocalFolderIsNamed() {
        RemoteDataUpload upload(RemoteShell(target_, controlFolder()));
        QSignalSpy failed(&upload, &RemoteDataUpload::failed);
        QVERIFY(!upload.start(hosts_.path("nowhere")));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed[0][0].toString(), hosts_.path("nowhere") + " does not exist on this computer.");
        QVERIFY(!upload.isRunning());
    }

    void aFolderThatCannotBeCreatedOnTheHostIsNamed() {
        // Root may write anywhere a mode allows nothing, but not into sysfs.
        QString locked = "/sys/m2ds-upload";
        if (::geteuid() != 0) {
            locked = hosts_.path("locked");
            QVERIFY(QDir().mkpath(locked) && QFile::setPermissions(locked, QFile::ReadOwner | QFile::ExeOwner));
        }
        RemoteDataUpload upload(RemoteShell(target_, controlFolder()));
        const QString message = uploadAndWait(upload, local_, locked + "/data");
        QVERIFY2(message.startsWith("Cannot upload to 127.0.0.1:" + locked + "/data: mkdir: cannot create directory"), qPrintable(message));
    }

    void anUnreachableHostIsNamed() {
        LaunchTarget nobody = target_;
        nobody.address = QStringLiteral("127.0.0.1:%1").arg(test::freePort());
        RemoteDataUpload upload(RemoteShell(nobody, controlFolder()));
        const QString message = uploadAndWait(upload, local_);
        QVERIFY2(message.contains(QString("127.0.0.1:%1 is not reachable").arg(nobody.port())) && message.contains("Connection refused"), qPrintable(message));
    }

    void aCancelledUploadSaysSo() {
        RemoteDataUpload upload(RemoteShell(target_, controlFolder()));
        QSignalSpy failed(&upload, &RemoteDataUpload::failed);
        QVERIFY(upload.start(local_, "data/cancelled"));
        QVERIFY(upload.isRunning());
        QVERIFY(!upload.start(local_));  // one at a time
        upload.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
        QVERIFY2(failed[0][0].toString().contains("was cancelled"), qPrintable(failed[0][0].toString()));
        QVERIFY(!upload.isRunning());
    }

private:
    /// Uploads and waits: empty when it finished (finished_ holds its arguments), else the failure message.
    QString uploadAndWait(RemoteDataUpload& upload, const QString& local, const QString& remote = {}) {
        QSignalSpy finished(&upload, &RemoteDataUpload::finished);
        QSignalSpy failed(&upload, &RemoteDataUpload::failed);
        finished_.clear();
        if (!upload.start(local, remote)) return failed.isEmpty() ? QString("not started") : failed[0][0].toString();
        if (!QTest::qWaitFor([&] { return finished.size() + failed.size() > 0; }, 60000)) return "no answer in 60 s";
        if (!failed.isEmpty()) return failed[0][0].toString();
        finished_ = finished[0];
        return {};
    }

    QString controlFolder() const { return hosts_.path("ctl"); }

    test::LocalTrainingHosts hosts_{"m2ds"};  // m2ds itself is not run here
    LaunchTarget target_;
    QString local_;
    QList<QVariant> finished_;
};

QTEST_GUILESS_MAIN(TestRemoteDataUpload)
#include "tst_RemoteDataUpload.moc"
