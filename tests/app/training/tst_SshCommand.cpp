// The ssh, scp and rsync argument lists of a target, and shell quoting.
#include <QRegularExpression>
#include <QtTest>

#include "training/SshCommand.h"

using namespace m2ds;

namespace {

LaunchTarget host() {
    LaunchTarget target;
    target.name = "gpu box";
    target.kind = LaunchTarget::Kind::Ssh;
    target.address = "alice@gpu.example.org:2222";
    target.identityFile = "/home/alice/.ssh/id_ed25519";
    return target;
}

const QStringList kCommon = {"-o", "BatchMode=yes", "-o", "ConnectTimeout=7", "-o", "StrictHostKeyChecking=accept-new",
                             "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=3", "-o", "IdentitiesOnly=yes",
                             "-i", "/home/alice/.ssh/id_ed25519"};

}  // namespace

class TestSshCommand : public QObject {
    Q_OBJECT
private slots:
    void sshArgumentsCarryPortKeyAndBatchMode() {
        const SshCommand ssh(host(), {}, 7);
        QCOMPARE(ssh.destination(), QString("alice@gpu.example.org"));
        QCOMPARE(ssh.sshArguments("uptime"), QStringList(kCommon) << "-p" << "2222" << "alice@gpu.example.org" << "uptime");
    }

    void sharedConnectionsWhenAControlFolderIsGiven() {
        const QStringList options = SshCommand(host(), "/run/user/1000/m2ds-ssh").options();
        QVERIFY(options.contains("ControlMaster=auto"));
        const QString path = options.filter("ControlPath=").value(0);
        QVERIFY2(QRegularExpression("^ControlPath=/run/user/1000/m2ds-ssh/[0-9a-f]{8}-%C$").match(path).hasMatch(), qPrintable(path));
        LaunchTarget otherKey = host();
        otherKey.identityFile = "/home/alice/.ssh/other";
        QVERIFY(!SshCommand(otherKey, "/run/user/1000/m2ds-ssh").options().contains(path));  // another key, another connection
        QVERIFY(options.contains("ControlPersist=60"));
    }

    void scpSpellsThePortWithACapital() {
        const QStringList scp = SshCommand(host(), {}, 7).scpArguments("/runs/a b/checkpoint-3.safetensors", "/tmp/c");
        QCOMPARE(scp, QStringList(kCommon) << "-P" << "2222" << "-q" << "alice@gpu.example.org:/runs/a b/checkpoint-3.safetensors" << "/tmp/c");
    }

    void rsyncRunsSshWithTheSameOptions() {
        LaunchTarget target = host();
        target.address = "gpu.example.org";  // no user, port 22
        target.identityFile = "/keys/my key";
        const QStringList rsync = SshCommand(target, {}, 7).rsyncArguments("/runs/c.safetensors", "/cache/c.safetensors");
        const qsizetype e = rsync.indexOf("-e");
        QVERIFY(e >= 0);
        QVERIFY2(rsync[e + 1].startsWith("ssh -o BatchMode=yes -o ConnectTimeout=7 ") && rsync[e + 1].endsWith("-i '/keys/my key' -p 22"),
                 qPrintable(rsync[e + 1]));
        QCOMPARE(rsync.mid(rsync.size() - 2), (QStringList{"gpu.example.org:/runs/c.safetensors", "/cache/c.safetensors"}));
        QVERIFY(rsync.contains("--partial") && rsync.contains("--info=progress2"));
    }

    void rsyncUploadsAFoldersContents() {
        const QStringList rsync = SshCommand(host(), {}, 7).rsyncUploadArguments("/home/me/speech", "/data/speech");
        QCOMPARE(rsync.mid(rsync.size() - 2), (QStringList{"/home/me/speech/", "alice@gpu.example.org:/data/speech/"}));
        QCOMPARE(rsync[rsync.indexOf("-e") + 1], SshCommand(host(), {}, 7).rsyncArguments("a", "b")[6]);  // the same ssh
        for (const char* option : {"--recursive", "--times", "--partial", "--info=progress2", "--stats"}) QVERIFY2(rsync.contains(option), option);
        QVERIFY(!rsync.contains("--delete"));  // what else is there stays
    }

    void quotingForAPosixShell() {
        QCOMPARE(SshCommand::quote("/plain/path-1.txt"), QString("/plain/path-1.txt"));
        QCOMPARE(SshCommand::quote("two words"), QString("'two words'"));
        QCOMPARE(SshCommand::quote("it's"), QString("'it'\\''s'"));
        QCOMPARE(SshCommand::quote("$(rm -rf ~)"), QString("'$(rm -rf ~)'"));
        QCOMPARE(SshCommand::quote(""), QString("''"));
        QCOMPARE(SshCommand::shellLine({"train", "--speech", "a b"}), QString("train --speech 'a b'"));
    }
};

QTEST_GUILESS_MAIN(TestSshCommand)
#include "tst_SshCommand.moc"
