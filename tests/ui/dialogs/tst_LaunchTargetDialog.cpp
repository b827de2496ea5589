// The launch target dialog, offscreen: every field round-trips a LaunchTarget (the hidden known_hosts file
// too), what is wrong is listed under the fields with OK disabled until it is fixed, the SLURM fields show
// for SLURM targets only, and Check asks the host on a job thread (the dialog answers at once, the refused
// connection arrives later as one line).
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QtTest>

#include "ProcessJob.h"
#include "TestData.h"
#include "dialogs/LaunchTargetDialog.h"
#include "widgets/PathPicker.h"

using namespace m2ds;

namespace {

LaunchTarget clusterTarget() {
    LaunchTarget target;
    target.name = "cluster";
    target.kind = LaunchTarget::Kind::Slurm;
    target.address = "me@login.example.org:2222";
    target.identityFile = "/home/me/.ssh/id_ed25519";
    target.knownHostsFile = "/home/me/.ssh/cluster_hosts";
    target.workingFolder = "/scratch/me";
    target.m2dsPath = "/opt/m2ds/bin/m2ds";
    target.activation = "module load m2ds";
    target.gpusPerNode = 4;
    target.partition = "gpu";
    target.account = "proj42";
    target.nodes = 2;
    target.timeLimit = "1-12:00:00";
    target.extraSbatchLines = {"--mem=64G", "#SBATCH --qos=long"};
    return target;
}

QLineEdit* edit(LaunchTargetDialog& dialog, const char* name) { return dialog.findChild<QLineEdit*>(name); }
bool okEnabled(LaunchTargetDialog& dialog) { return dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled(); }

}  // namespace

class TestLaunchTargetDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::isolateSettings(); }

    void fieldsRoundTripATarget() {
        LaunchTargetDialog dialog({});
        dialog.setTarget(clusterTarget());
        QCOMPARE(dialog.target().toJson(), clusterTarget().toJson());
        QVERIFY(dialog.problems().isEmpty());
        QVERIFY(okEnabled(dialog));

        edit(dialog, "targetAddress")->setText("you@gpu1");
        dialog.findChild<QComboBox*>("targetKind")->setCurrentIndex(0);  // SSH host
        dialog.findChild<QSpinBox*>("targetGpus")->setValue(2);
        dialog.findChild<QPlainTextEdit*>("targetExtraSbatch")->setPlainText("--mem=8G\n\n  \n#SBATCH -C a100\n");
        const LaunchTarget edited = dialog.target();
        QCOMPARE(edited.kind, LaunchTarget::Kind::Ssh);
        QCOMPARE(edited.address, QString("you@gpu1"));
        QCOMPARE(edited.gpusPerNode, 2);
        QCOMPARE(edited.extraSbatchLines, (QStringList{"--mem=8G", "#SBATCH -C a100"}));
        QCOMPARE(edited.knownHostsFile, clusterTarget().knownHostsFile);  // kept though not shown
    }

    void slurmFieldsShowForSlurmOnly() {
        LaunchTargetDialog dialog({});
        auto* slurm = dialog.findChild<QLineEdit*>("targetPartition")->parentWidget();
        QVERIFY(!slurm->isVisibleTo(&dialog));  // a new target is an SSH host
        dialog.findChild<QComboBox*>("targetKind")->setCurrentIndex(1);
        QVERIFY(slurm->isVisibleTo(&dialog));
    }

    void problemsAreListedAndBlockOk() {
        LaunchTargetDialog dialog({"gpu box"});
        QVERIFY(!okEnabled(dialog));
        QVERIFY(!dialog.checkButton()->isEnabled());
        QVERIFY2(dialog.problemsText().contains("Name: give the target a name."), qPrintable(dialog.problemsText()));
        QVERIFY2(dialog.problemsText().contains("Host: '' is not [user@]host[:port]."), qPrintable(dialog.problemsText()));

        edit(dialog, "targetName")->setText("gpu box");
        edit(dialog, "targetAddress")->setText("me@gpu1:99999");
        edit(dialog, "targetWorkingFolder")->setText("scratch");
        QCOMPARE(dialog.problems(), (QStringList{"Name: a target called 'gpu box' exists already.", "Host: port 99999 is not 1–65535.",
                                                 "Working folder: 'scratch' is not an absolute path on the host, nor one in the login's home (~/…)."}));
        QVERIFY(!okEnabled(dialog));

        edit(dialog, "targetName")->setText("gpu box 2");
        edit(dialog, "targetAddress")->setText("me@gpu1:2222");
        edit(dialog, "targetWorkingFolder")->setText("/scratch/me");
        dialog.findChild<QComboBox*>("targetKind")->setCurrentIndex(1);
        edit(dialog, "targetTimeLimit")->setText("two days");
        QCOMPARE(dialog.problems(), QStringList{"Time limit: 'two days' is not minutes, [D-]HH:MM[:SS] or MM:SS."});
        edit(dialog, "targetTimeLimit")->setText("2-00:00:00");
        QVERIFY(dialog.problems().isEmpty());
        QVERIFY(dialog.problemsText().isEmpty());
        QVERIFY(okEnabled(dialog));
    }

    void checkRunsOffTheGuiThread() {
        LaunchTargetDialog dialog({}, nullptr, QDir::tempPath() + "/m2ds-dialog-ctl");
        LaunchTarget nobody;
        nobody.name = "nobody";
        nobody.kind = LaunchTarget::Kind::Ssh;
        nobody.address = QStringLiteral("127.0.0.1:%1").arg(test::freePort());
        dialog.setTarget(nobody);
        dialog.checkButton()->click();
        QVERIFY2(dialog.checkText().startsWith("Checking 127.0.0.1:"), qPrintable(dialog.checkText()));  // not answered yet
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.checkText().startsWith("Checking"), 30000);
        QVERIFY2(dialog.checkText().contains("is not reachable") && dialog.checkText().contains("Connection refused"), qPrintable(dialog.checkText()));
    }
};

QTEST_MAIN(TestLaunchTargetDialog)
#include "tst_LaunchTargetDialog.moc"
