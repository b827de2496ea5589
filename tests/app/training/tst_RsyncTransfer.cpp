// RsyncTransfer: the percentage of rsync's --info=progress2 output, the one-line messages for what rsync printed
// when it failed (outputs recorded from rsync 3.5.0 and OpenSSH on Debian: ssh refused or could not connect, a
// full disk, rsync missing on the host, a folder it may not create), and a real local rsync run: progress up to
// 100, its output, a cancelled transfer, a program that is not there.
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "training/RemoteShell.h"
#include "training/RsyncTransfer.h"

using namespace m2ds;

namespace {

RemoteShell loopback() {
    LaunchTarget target;
    target.name = "loopback";
    target.kind = LaunchTarget::Kind::Ssh;
    target.address = "root@127.0.0.1:22299";
    return RemoteShell(target, QString());
}

const QString kRefused = "ssh: connect to host 127.0.0.1 port 22299: Connection refused\r\n"
                         "rsync: connection unexpectedly closed (0 bytes received so far) [sender]\n"
                         "rsync error: unexplained error (code 255) at io.c(285) [sender=3.5.0]\n";
const QString kWrongKey = "root@127.0.0.1: Permission denied (publickey,keyboard-interactive).\n"
                          "rsync: connection unexpectedly closed (0 bytes received so far) [sender]\n"
                          "rsync error: unexplained error (code 255) at io.c(285) [sender=3.5.0]\n";
const QString kNoSpace = "\r              3   0%    0.00kB/s    0:00:00  \r        300,003 100%   95.37MB/s    0:00:00 (xfr#2, to-chk=0/3)"
                         "rsync: [receiver] write failed on \"/tmp/rsx/small/dest/big.bin\": No space left on device (28)\n"
                         "rsync error: error in file IO (code 11) at receiver.c(657) [receiver=3.5.0]\n";
const QString kNoRemoteRsync = "bash: line 1: rsync: command not found\n"
                               "rsync: connection unexpectedly closed (0 bytes received so far) [sender]\n"
                               "rsync error: error in rsync protocol data stream (code 12) at io.c(285) [sender=3.5.0]\n";
const QString kNotPermitted = "rsync: [Receiver] mkdir \"/sys/m2ds-x\" failed: Operation not permitted (1)\n"
                              "rsync error: error in file IO (code 11) at main.c(808) [Receiver=3.5.0]\n";

}  // namespace

class TestRsyncTransfer : public QObject {
    Q_OBJECT
private slots:
    void percentOfTheLatestProgressUpdate() {
        QCOMPARE(RsyncTransfer::lastPercent("          3   0%    0.00kB/s    0:00:00\r    150,001  49%   1.2MB/s    0:00:01 (xfr#1, to-chk=1/3)"), 49);
        QCOMPARE(RsyncTransfer::lastPercent(kNoSpace), 100);
        QCOMPARE(RsyncTransfer::lastPercent("sending incremental file list\n"), -1);
    }

    void failuresInOneLine() {
        const RemoteShell shell = loopback();
        QCOMPARE(RsyncTransfer::describeFailure(kRefused, 255, shell),
                 QString("127.0.0.1:22299 is not reachable: ssh: connect to host 127.0.0.1 port 22299: Connection refused"));
        const QString refused = RsyncTransfer::describeFailure(kWrongKey, 255, shell);
        QVERIFY2(refused.startsWith("127.0.0.1:22299 refused the login of 'root@127.0.0.1'"), qPrintable(refused));
        QCOMPARE(RsyncTransfer::describeFailure(kNoSpace, 11, shell),
                 QString("no space left on the device: rsync: [receiver] write failed on \"/tmp/rsx/small/dest/big.bin\": No space left on device (28)"));
        QCOMPARE(RsyncTransfer::describeFailure(kNoRemoteRsync, 12, shell),
                 QString("rsync is not installed on 127.0.0.1 (or not on the PATH of its login shell): bash: line 1: rsync: command not found"));
        QCOMPARE(RsyncTransfer::describeFailure(kNotPermitted, 11, shell),
                 QString("rsync: [Receiver] mkdir \"/sys/m2ds-x\" failed: Operation not permitted (1)"));
        QCOMPARE(RsyncTransfer::describeFailure({}, 23, shell), QString("exit 23"));
    }

    void aLocalCopyReportsProgressAndItsOutput() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid() && QDir(dir.path()).mkpath("from"));
        QFile file(dir.filePath("from/a.bin"));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(QByteArray(200000, 'x')) == 200000);
        file.close();
        RsyncTransfer transfer;
        QSignalSpy progress(&transfer, &RsyncTransfer::progress);
        QSignalSpy finished(&transfer, &RsyncTransfer::finished);
        QVERIFY(transfer.start("rsync", {"-r", "--info=progress2", "--stats", dir.filePath("from") + "/", dir.filePath("to")}));
        QVERIFY(transfer.isRunning());
        QVERIFY(!transfer.start("rsync", {"--version"}));  // one at a time
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QCOMPARE(finished[0][0].toInt(), 0);
        QVERIFY(finished[0][1].toString().contains("Number of regular files transferred: 1"));
        QCOMPARE(finished[0][2].toBool(), false);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last()[0].toInt(), 100);
        QVERIFY(!transfer.isRunning());
        QVERIFY(QFile(dir.filePath("to/a.bin")).size() == 200000);
    }

    void aCancelledTransferSaysSo() {
        RsyncTransfer transfer;
        QSignalSpy finished(&transfer, &RsyncTransfer::finished);
        QVERIFY(transfer.start("sleep", {"30"}));
        transfer.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(finished[0][0].toInt(), -1);
        QCOMPARE(finished[0][2].toBool(), true);
    }

    void aMissingProgramIsNamed() {
        RsyncTransfer transfer;
        QSignalSpy finished(&transfer, &RsyncTransfer::finished);
        QVERIFY(transfer.start("/nowhere/rsync", {}));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(finished[0][0].toInt(), -1);
        QVERIFY2(finished[0][1].toString().startsWith("/nowhere/rsync could not be started"), qPrintable(finished[0][1].toString()));
        QVERIFY(!transfer.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestRsyncTransfer)
#include "tst_RsyncTransfer.moc"
