// Launch targets: address parts, paths under the working folder or the login's home (~), the problems of bad input in the
// user's words, JSON round trip and the store.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "common/Errors.h"
#include "training/LaunchTargetStore.h"

using namespace m2ds;

namespace {

LaunchTarget slurm() {
    LaunchTarget target;
    target.name = "cluster";
    target.kind = LaunchTarget::Kind::Slurm;
    target.address = "bob@login.example.org:2200";
    target.workingFolder = "/scratch/bob";
    target.partition = "gpu";
    target.nodes = 2;
    target.gpusPerNode = 4;
    target.timeLimit = "1-12:00:00";
    target.extraSbatchLines = {"--mem=64G"};
    return target;
}

}  // namespace

class TestLaunchTarget : public QObject {
    Q_OBJECT
private slots:
    void addressParts() {
        const LaunchTarget target = slurm();
        QCOMPARE(target.user(), QString("bob"));
        QCOMPARE(target.host(), QString("login.example.org"));
        QCOMPARE(target.port(), 2200);
        LaunchTarget plain;
        plain.address = "gpu1";
        QCOMPARE(plain.user(), QString());
        QCOMPARE(plain.port(), 22);
        QCOMPARE(target.remotePath("runs/a"), QString("/scratch/bob/runs/a"));
        QCOMPARE(target.remotePath("/abs/run"), QString("/abs/run"));
        QCOMPARE(target.remotePath("~/data"), QString("~/data"));  // the login's home, not under the working folder
        QCOMPARE(target.remotePath("~"), QString("~"));
    }

    void aHomeRelativeWorkingFolderAndCommandBecomeAbsoluteWithTheHome() {
        LaunchTarget target = slurm();
        target.workingFolder = "~/runs";
        target.m2dsPath = "~/bin/m2ds";
        QVERIFY(target.problems().isEmpty());
        QCOMPARE(target.remotePath("a"), QString("~/runs/a"));
        const LaunchTarget resolved = target.withHome("/home/bob");
        QCOMPARE(resolved.workingFolder, QString("/home/bob/runs"));
        QCOMPARE(resolved.m2dsPath, QString("/home/bob/bin/m2ds"));
        QCOMPARE(resolved.remotePath("a"), QString("/home/bob/runs/a"));
        target.m2dsPath = "m2ds";  // a name on the PATH stays one
        QCOMPARE(target.withHome("/home/bob").m2dsPath, QString("m2ds"));
    }

    void badInputIsNamedByField() {
        QVERIFY(slurm().problems().isEmpty());
        LaunchTarget target = slurm();
        target.address = "bob@host:port";
        target.workingFolder = "scratch";
        target.nodes = 0;
        target.timeLimit = "two days";
        target.partition = "gpu a100";
        const QStringList problems = target.problems();
        QCOMPARE(problems.size(), 5);
        QCOMPARE(problems[0], QString("Host: 'bob@host:port' is not [user@]host[:port]."));
        QCOMPARE(problems[1], QString("Working folder: 'scratch' is not an absolute path on the host, nor one in the login's home (~/…)."));
        QCOMPARE(problems[2], QString("Nodes: 0 is not 1–4096."));
        QCOMPARE(problems[3], QString("Time limit: 'two days' is not minutes, [D-]HH:MM[:SS] or MM:SS."));
        QCOMPARE(problems[4], QString("Partition and account: 'gpu a100' holds a space."));
        target = slurm();
        target.workingFolder = "~alice/runs";  // another login's home is not read
        QCOMPARE(target.problems(), QStringList{"Working folder: '~alice/runs' is not an absolute path on the host, nor one in the login's home (~/…)."});
        target = slurm();
        target.address = "host:70000";
        QCOMPARE(target.problems(), QStringList{"Host: port 70000 is not 1–65535."});
    }

    void jsonRoundTripAndStore() {
        QTemporaryDir dir;
        const LaunchTargetStore store(dir.filePath("sub/launch-targets.json"));
        QVERIFY(store.load().isEmpty());
        LaunchTarget ssh;
        ssh.name = "box";
        ssh.kind = LaunchTarget::Kind::Ssh;
        ssh.address = "gpu1";
        ssh.activation = ". ~/venv/bin/activate";
        store.save({slurm(), ssh});
        const QVector<LaunchTarget> loaded = store.load();
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(loaded[0].toJson(), slurm().toJson());
        QCOMPARE(loaded[1].kind, LaunchTarget::Kind::Ssh);
        QCOMPARE(store.find("box").activation, QString(". ~/venv/bin/activate"));
        QCOMPARE(store.find("nothing").name, QString());
    }

    void aBrokenStoreNamesItsFile() {
        QTemporaryDir dir;
        QFile file(dir.filePath("launch-targets.json"));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write("{\"targets\": [") > 0);
        file.close();
        try {
            LaunchTargetStore(file.fileName()).load();
            QFAIL("no error");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).startsWith(file.fileName() + ": not a launch target list"), error.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestLaunchTarget)
#include "tst_LaunchTarget.moc"
