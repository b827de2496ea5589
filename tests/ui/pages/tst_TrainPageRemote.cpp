// The Train page launching through an SSH target, offscreen, against a real sshd on 127.0.0.1 (LocalSshServer):
// the saved target is chosen in the selector, the form keeps the host's paths as typed, Start returns at once
// (the launch's ssh round trip runs on a job thread) and the state line, curves and checkpoints follow the
// remote log; Stop makes the run checkpoint, Open in Inspect copies the checkpoint into the local cache first,
// and a page built afterwards (a restarted workbench) follows the remembered remote run again. M2DS_SCREENSHOT
// names a PNG of the page while the run goes on. When sshd cannot start: a skip, or a failure under CI=true.
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

#include "LocalSshServer.h"
#include "ProcessJob.h"
#include "TestData.h"
#include "TrainPageDriver.h"
#include "pages/TrainPage.h"
#include "plots/TrainingCurves.h"
#include "training/LaunchTargetStore.h"
#include "training/RemoteTrainingController.h"
#include "widgets/CheckpointList.h"
#include "widgets/LaunchTargetSelector.h"
#include "widgets/RemoteRunPicker.h"
#include "widgets/TrainForm.h"

using namespace m2ds;
using test::button;
using test::labelText;
using test::lineEdit;

namespace {

const QString kSpeech = "/usr/share/pocketsphinx/test/data";
const QString kNoise = "/usr/share/sonic-pi/samples";
constexpr int kTimeout = 60000;

}  // namespace

class TestTrainPageRemote : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        test::isolateSettings();
        M2DS_REQUIRE(QFile::exists(kSpeech + "/cards/001.wav"), "pocketsphinx-testdata is missing (packaging/install-deps.sh --tests)");
        QVERIFY(dir_.isValid());
        const QString noSsh = sshd_.start();
        M2DS_REQUIRE(noSsh.isEmpty(), noSsh);
        target_.name = "loopback";
        target_.kind = LaunchTarget::Kind::Ssh;
        target_.address = sshd_.address();
        target_.identityFile = sshd_.clientKey();
        target_.knownHostsFile = sshd_.knownHostsFile();
        target_.workingFolder = dir_.filePath("remote");
        target_.m2dsPath = QStringLiteral(M2DS_EXECUTABLE);
        forgetRemoteRuns();
        LaunchTargetStore().save({target_});
        QCOMPARE(test::runProgram(M2DS_EXECUTABLE, {"prepare", kSpeech, "-o", dir_.filePath("speech"), "--teacher", "mfcc"}).exitCode, 0);
        QCOMPARE(test::runProgram(M2DS_EXECUTABLE, {"prepare", "--noise", kNoise, "-o", dir_.filePath("noise")}).exitCode, 0);
    }

    void cleanupTestCase() {
        QFile pid(dir_.filePath("remote/run/train.pid"));
        if (pid.open(QIODevice::ReadOnly)) ::kill(-pid_t(pid.readAll().trimmed().toLongLong()), SIGKILL);  // a run a failed test left going
        test::runProgram("ssh", SshCommand(target_, RemoteShell::defaultControlFolder()).options() << "-O" << "exit" << "127.0.0.1", 10000);
        forgetRemoteRuns();
        QFile::remove(LaunchTargetStore().path());
    }

    void launchFollowStopFetchAndAttachAgain() {
        const QVector<TrainPreset> presets = TrainPresets::load(QStringLiteral(M2DS_PRESETS_DIRECTORY));
        {
            TrainPage page(presets, QStringLiteral(M2DS_EXECUTABLE));
            page.resize(1400, 900);
            QVERIFY(page.targets()->select("loopback"));
            QVERIFY(!button(page, "dryRunButton")->isEnabled());  // dry runs are this computer's
            fill(page);
            QCOMPARE(page.form()->settings().outputDirectory, QString("run"));  // a host path, kept as typed
            button(page, "startButton")->click();
            QVERIFY2(labelText(page, "runState").startsWith("Launching on loopback"), qPrintable(labelText(page, "runState")));
            QTRY_VERIFY2_WITH_TIMEOUT(page.curves()->pointCount() >= 3, qPrintable(labelText(page, "runState")), kTimeout);
            const QString running = labelText(page, "runState");
            QVERIFY2(running.startsWith("Running: process ") && running.endsWith("on loopback, in " + target_.remotePath("run")), qPrintable(running));
            QVERIFY(button(page, "stopButton")->isEnabled());
            QVERIFY(!page.targets()->isEnabled());
            if (!qEnvironmentVariableIsEmpty("M2DS_SCREENSHOT")) {
                page.show();
                QTest::qWait(300);
                page.grab().save(qEnvironmentVariable("M2DS_SCREENSHOT"));
            }

            button(page, "stopButton")->click();
            QTRY_VERIFY2_WITH_TIMEOUT(labelText(page, "runState").startsWith("Stopped."), qPrintable(labelText(page, "runState")), kTimeout);
            QVERIFY(button(page, "resumeButton")->isEnabled());
            QVERIFY(!page.checkpoints()->paths().isEmpty());
            const QString remote = page.checkpoints()->paths().first();
            QVERIFY2(remote.startsWith(target_.remotePath("run") + "/checkpoint-"), qPrintable(remote));

            QSignalSpy openRequested(&page, &TrainPage::openCheckpointRequested);
            page.checkpoints()->list()->setCurrentRow(0);
            page.checkpoints()->findChild<QPushButton*>("openCheckpoint")->click();
            QTRY_COMPARE_WITH_TIMEOUT(openRequested.size(), 1, 30000);
            const QString local = openRequested[0][0].toString();
            QVERIFY2(local != remote && local.endsWith(QFileInfo(remote).fileName()), qPrintable(local));
            QFile a(local), b(remote);
            QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
            QVERIFY(a.readAll() == b.readAll());
            QVERIFY2(labelText(page, "fetchState").startsWith("Copied to "), qPrintable(labelText(page, "fetchState")));
        }

        // A restarted workbench: the remembered remote run is followed again, its whole log read.
        TrainPage again(presets, QStringLiteral(M2DS_EXECUTABLE));
        QCOMPARE(again.targets()->current().name, QString("loopback"));
        QVERIFY(!again.remoteRuns()->isHidden());
        QCOMPARE(again.remoteRuns()->combo()->count(), 1);
        QTRY_VERIFY2_WITH_TIMEOUT(labelText(again, "runState").startsWith("Stopped."), qPrintable(labelText(again, "runState")), kTimeout);
        QVERIFY(again.curves()->pointCount() >= 3);
        QCOMPARE(again.form()->settings().outputDirectory, target_.remotePath("run"));
        QVERIFY(button(again, "resumeButton")->isEnabled());
    }

private:
    void fill(TrainPage& page) {
        lineEdit(page, "speech")->setText(dir_.filePath("speech"));
        lineEdit(page, "noise")->setText(dir_.filePath("noise"));
        auto* preset = page.findChild<QComboBox*>("model");
        preset->setCurrentIndex(preset->findText("m2d_s_vit_tiny-80x64p80x2"));
        page.findChild<QComboBox*>("device")->setCurrentText("cpu");
        const QMap<QString, QString> numbers{{"epochs", "400"}, {"warmup_epochs", "1"}, {"batch_size", "2"}, {"log_every", "1"},
                                             {"save_freq", "100"}, {"eval_freq", "100"}, {"workers", "1"}};
        for (auto it = numbers.begin(); it != numbers.end(); ++it) lineEdit(page, it.key())->setText(it.value());
        lineEdit(page, "output_dir")->setText("run");  // under the target's working folder
    }

    static void forgetRemoteRuns() {
        QFile::remove(RemoteRunRegistry().path());
        QSettings().remove(QLatin1String(TrainPage::kActiveRemoteRunKey));
        QSettings().remove(QLatin1String(TrainPage::kActiveRunKey));
    }

    QTemporaryDir dir_{QDir::tempPath() + "/m2ds-ssh-XXXXXX"};  // short: ssh's control socket path is limited
    test::LocalSshServer sshd_{dir_.path()};
    LaunchTarget target_;
};

QTEST_MAIN(TestTrainPageRemote)
#include "tst_TrainPageRemote.moc"
