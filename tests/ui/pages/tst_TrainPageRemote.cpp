// The Train page launching through remote targets, offscreen, against a real sshd on 127.0.0.1 and a real
// single-node SLURM cluster behind it (LocalTrainingHosts). SSH: the saved target is chosen in the selector, the
// prepared speech folder is sent with the speech field's Upload… (its two dialogs answered: this computer's folder,
// then ~/data/speech on the host) and the field then holds the host's absolute path, the form keeps the host's
// paths as typed, Start returns at once (the target's check, then the launch's ssh round trip, run on job threads)
// and the state line, curves and checkpoints follow the remote log; Stop makes the run checkpoint, Open in Inspect
// copies the checkpoint into the local cache first, Resume continues from it, and a page built afterwards (a
// restarted workbench) follows the remembered remote run again; with sshd stopped, its Resume fails the check and
// the state line keeps "Stopped. …" above the problem, Resume still offered. SLURM, in the workbench window, the output folder
// in the login's home (~/run-slurm): Start checks the host (whose answer holds the home), then shows the batch script (srun, the
// target's partition and time limit, absolute paths) and submits it as accepted, the job is seen pending
// (held), Stop cancels it there (nothing ran, Start and Resume stay offered), Start submits it again, it is seen
// pending and then running with live curves, Stop (scancel --signal=INT) checkpoints, Resume submits a new job with
// --resume auto, and Open in Inspect loads the fetched checkpoint in the Inspect page. With $M2DS_SCREENSHOT_DIR
// set, PNGs of each step are saved there. A target whose m2ds path is wrong: Start shows the check's line and
// launches nothing. When sshd or the cluster cannot start: a skip, or a failure under CI=true.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QtTest>
#include <csignal>

#include "LocalTrainingHosts.h"
#include "RemoteRunRecorder.h"
#include "TestData.h"
#include "TrainPageDriver.h"
#include "dialogs/SbatchScriptDialog.h"
#include "jobs/ModelService.h"
#include "mainwindow/MainWindow.h"
#include "pages/InspectPage.h"
#include "pages/TrainPage.h"
#include "plots/TrainingCurves.h"
#include "session/Session.h"
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

constexpr int kTimeout = 60000;
const QString kRecording = "/usr/share/pocketsphinx/test/data/cards/001.wav";  // one of the corpus's
constexpr int kScreenshotHeight = 1350;  // the form to its Start/Stop/Resume buttons

/// Saves `widget` as `name`.png in $M2DS_SCREENSHOT_DIR when it is set (shown first, so that it is laid out).
void screenshot(QWidget& widget, const QString& name) {
    const QString folder = qEnvironmentVariable("M2DS_SCREENSHOT_DIR");
    if (folder.isEmpty()) return;
    widget.show();
    QTest::qWait(300);
    QDir().mkpath(folder);
    widget.grab().save(QDir(folder).filePath(name + ".png"));
}

}  // namespace

class TestTrainPageRemote : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        test::isolateSettings();
        M2DS_REQUIRE(test::LocalTrainingHosts::missingRecordings().isEmpty(), test::LocalTrainingHosts::missingRecordings());
        const QString noSsh = hosts_.startSsh();
        M2DS_REQUIRE(noSsh.isEmpty(), noSsh);
        noCluster_ = hosts_.startSlurm();  // only the SLURM case needs it
        ssh_ = hosts_.sshTarget();
        slurm_ = hosts_.slurmTarget();
        slurm_.timeLimit = "00:30:00";
        noM2ds_ = ssh_;
        noM2ds_.name = "no-m2ds";
        noM2ds_.m2dsPath = hosts_.path("nowhere/m2ds");
        forgetRemoteRuns();
        LaunchTargetStore().save({ssh_, slurm_, noM2ds_});
        const QString noCorpus = hosts_.prepareCorpus();
        QVERIFY2(noCorpus.isEmpty(), qPrintable(noCorpus));
    }

    void cleanupTestCase() {
        QFile pid(ssh_.remotePath("run/train.pid"));
        if (pid.open(QIODevice::ReadOnly)) ::kill(-pid_t(pid.readAll().trimmed().toLongLong()), SIGKILL);  // a run a failed test left going
        test::LocalTrainingHosts::closeConnection(ssh_, RemoteShell::defaultControlFolder());
        forgetRemoteRuns();
        QFile::remove(LaunchTargetStore().path());
    }

    void aTargetWithoutM2dsLaunchesNothing() {
        TrainPage page(TrainPresets::load(QStringLiteral(M2DS_PRESETS_DIRECTORY)), QStringLiteral(M2DS_EXECUTABLE));
        QVERIFY(page.targets()->select("no-m2ds"));
        fill(page, "run-unchecked");
        button(page, "startButton")->click();
        QVERIFY2(labelText(page, "runState").startsWith("Checking no-m2ds before the launch: "), qPrintable(labelText(page, "runState")));
        QVERIFY(page.isCheckingTarget() && !button(page, "startButton")->isEnabled() && button(page, "stopButton")->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!page.isCheckingTarget(), kTimeout);
        QCOMPARE(labelText(page, "runState"), QString("Nothing was launched on no-m2ds:\n127.0.0.1: the m2ds command '%1' is not there; "
                                                      "set its path or the activation line of the target.").arg(noM2ds_.m2dsPath));
        QCOMPARE(page.remote()->run()->state(), RemoteRun::State::Idle);
        QVERIFY(!QFileInfo::exists(ssh_.remotePath("run-unchecked")));  // no run folder: no train.pid, no process
        QVERIFY(page.remote()->records().isEmpty());
        QCOMPARE(page.form()->settings().outputDirectory, QString("run-unchecked"));  // the form as it was
        QVERIFY(button(page, "startButton")->isEnabled() && page.targets()->isEnabled());
    }

    void sshLaunchFollowStopFetchResumeAndAttachAgain() {
        const QVector<TrainPreset> presets = TrainPresets::load(QStringLiteral(M2DS_PRESETS_DIRECTORY));
        {
            TrainPage page(presets, QStringLiteral(M2DS_EXECUTABLE));
            page.resize(1400, kScreenshotHeight);
            QVERIFY(page.targets()->select("loopback"));
            test::RemoteRunRecorder got(*page.remote()->run());  // the run on that target (the page follows it too)
            QVERIFY(!button(page, "dryRunButton")->isEnabled());  // dry runs are this computer's
            fill(page, "run");
            uploadThroughTheDialogs(page, "speech", hosts_.path("speech"), "~/data/speech");
            if (QTest::currentTestFailed()) return;
            const QString uploaded = hosts_.home() + "/data/speech";
            QCOMPARE(page.form()->settings().speech, uploaded);  // the training below reads the uploaded copy
            const QString sent = labelText(page, "uploadState");
            QVERIFY2(sent.startsWith(QString("Uploaded %1 files (").arg(filesUnder(hosts_.path("speech")))) &&
                         sent.endsWith(" MiB) to " + uploaded + " on loopback; the speech field uses it."), qPrintable(sent));
            QCOMPARE(page.form()->settings().outputDirectory, QString("run"));  // a host path, kept as typed
            button(page, "startButton")->click();
            QVERIFY2(labelText(page, "runState").startsWith("Checking loopback before the launch: "), qPrintable(labelText(page, "runState")));
            QVERIFY(!button(page, "startButton")->isEnabled());
            QTRY_VERIFY2_WITH_TIMEOUT(page.curves()->pointCount() >= 3, qPrintable(labelText(page, "runState")), kTimeout);
            QCOMPARE(got.states.first(), RemoteRun::State::Launching);  // once the check passed
            const QString running = labelText(page, "runState");
            QVERIFY2(running.startsWith("Running: process ") && running.endsWith("on loopback, in " + ssh_.remotePath("run")), qPrintable(running));
            QVERIFY(button(page, "stopButton")->isEnabled());
            QVERIFY(!page.targets()->isEnabled());
            screenshot(page, "ssh-running");

            stopAndWait(page);
            if (QTest::currentTestFailed()) return;
            QVERIFY(!page.checkpoints()->paths().isEmpty());
            const QString remote = page.checkpoints()->paths().first();
            QVERIFY2(remote.startsWith(ssh_.remotePath("run") + "/checkpoint-"), qPrintable(remote));

            QSignalSpy openRequested(&page, &TrainPage::openCheckpointRequested);
            openFirstCheckpoint(page);
            QTRY_COMPARE_WITH_TIMEOUT(openRequested.size(), 1, 30000);
            const QString local = openRequested[0][0].toString();
            QVERIFY2(local != remote && local.endsWith(QFileInfo(remote).fileName()), qPrintable(local));
            QFile a(local), b(remote);
            QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
            QVERIFY(a.readAll() == b.readAll());
            QVERIFY2(labelText(page, "fetchState").startsWith("Copied to "), qPrintable(labelText(page, "fetchState")));
            screenshot(page, "ssh-stopped");

            const qsizetype firstRun = got.iterations.size();
            button(page, "resumeButton")->click();
            QVERIFY2(labelText(page, "runState").startsWith("Checking loopback before the launch: "), qPrintable(labelText(page, "runState")));
            QVERIFY(!button(page, "resumeButton")->isEnabled());
            QTRY_VERIFY2_WITH_TIMEOUT(got.starts.size() == 2 && got.iterations.size() > firstRun + 1, qPrintable(labelText(page, "runState")), kTimeout);
            QVERIFY2(!got.starts[1].resumedFrom.isEmpty(), "the second launch did not resume");
            QCOMPARE(got.iterations[firstRun], got.ends[0].iteration);  // it continues where the stop's checkpoint left it
            QVERIFY2(labelText(page, "runState").startsWith("Running: process "), qPrintable(labelText(page, "runState")));
            screenshot(page, "ssh-resumed");
            stopAndWait(page);
            if (QTest::currentTestFailed()) return;
        }

        // A restarted workbench: the remembered remote run is followed again, its whole log read.
        TrainPage again(presets, QStringLiteral(M2DS_EXECUTABLE));
        QCOMPARE(again.targets()->current().name, QString("loopback"));
        QVERIFY(!again.remoteRuns()->isHidden());
        QCOMPARE(again.remoteRuns()->combo()->count(), 1);
        QTRY_VERIFY2_WITH_TIMEOUT(labelText(again, "runState").startsWith("Stopped."), qPrintable(labelText(again, "runState")), kTimeout);
        QVERIFY(again.curves()->pointCount() >= 3);
        QCOMPARE(again.form()->settings().outputDirectory, ssh_.remotePath("run"));
        QVERIFY(button(again, "resumeButton")->isEnabled());

        // The host unreachable since: Resume's check fails, and the state line keeps where the run stands above it.
        test::LocalTrainingHosts::closeConnection(ssh_, RemoteShell::defaultControlFolder());
        hosts_.stopSsh();
        button(again, "resumeButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!again.isCheckingTarget(), kTimeout);
        const QString noSsh = hosts_.startSsh();  // for the SLURM case's login host, before anything can fail here
        QVERIFY2(noSsh.isEmpty(), qPrintable(noSsh));
        const QStringList lines = labelText(again, "runState").split('\n');
        QVERIFY2(lines.size() == 3 && lines[0] == "Stopped. Resume continues from the last checkpoint." && lines[1] == "Nothing was launched on loopback:" &&
                     lines[2].contains("is not reachable") && lines[2].contains("Connection refused"),
                 qPrintable(lines.join('\n')));
        QCOMPARE(again.remote()->run()->state(), RemoteRun::State::Idle);
        QVERIFY(button(again, "resumeButton")->isEnabled() && button(again, "startButton")->isEnabled());
    }

    void slurmSubmitFollowCancelResumeAndOpenInInspect() {
        M2DS_REQUIRE(noCluster_.isEmpty(), noCluster_);
        forgetRemoteRuns();  // the window's page starts idle, not following the SSH run
        Session session(QStringLiteral(M2DS_PRESETS_DIRECTORY));
        MainWindow window(session);
        window.resize(1500, kScreenshotHeight);
        TrainPage& page = *window.trainPage();
        window.pages()->setCurrentWidget(&page);
        QVERIFY(page.targets()->select("localhost-cluster"));
        test::RemoteRunRecorder got(*page.remote()->run());
        fill(page, "~/run-slurm");  // in the login's home: asked for before the script is shown, whose paths are absolute
        const QString folder = hosts_.home() + "/run-slurm";

        const QString script = submitThroughDialog(page, "startButton", "slurm-sbatch-dialog");
        QVERIFY2(script.contains("\n#SBATCH --partition=debug\n") && script.contains("\n#SBATCH --time=00:30:00\n") &&
                     script.contains("\n#SBATCH --hold\n") && script.contains("exec srun ") && script.contains(" --output_dir " + folder) &&
                     script.contains("\n#SBATCH --chdir=" + folder + "\n") && !script.contains("~"),
                 qPrintable(script));
        QVERIFY(!script.contains("--resume"));
        waitUntilHeldJobPending(page, folder);
        if (QTest::currentTestFailed()) return;
        const QString cancelledJob = page.remote()->run()->record().jobId;
        QCOMPARE(button(page, "stopButton")->toolTip(), QString("Cancel the job: it has not started, nothing runs yet"));
        button(page, "stopButton")->click();  // a plain scancel: nothing ran
        const QString cancelled = QString("Cancelled while pending: SLURM job %1 never started, nothing ran. Start or Resume launches it again.").arg(cancelledJob);
        QTRY_COMPARE_WITH_TIMEOUT(labelText(page, "runState"), cancelled, kTimeout);
        QVERIFY(button(page, "startButton")->isEnabled() && button(page, "resumeButton")->isEnabled() && !button(page, "stopButton")->isEnabled());
        QVERIFY2(!hosts_.queuedJobs().split('\n').contains(cancelledJob), qPrintable(hosts_.queuedJobs()));
        QVERIFY(!QFile::exists(folder + "/log.jsonl"));
        QCOMPARE(page.remote()->records().size(), 1);  // the run is kept
        screenshot(window, "slurm-cancelled-while-pending");

        submitThroughDialog(page, "startButton", "slurm-sbatch-dialog-again");  // Start launches it again
        waitUntilHeldJobPending(page, folder);
        if (QTest::currentTestFailed()) return;
        const QString firstJob = page.remote()->run()->record().jobId;
        QVERIFY(firstJob != cancelledJob);
        screenshot(window, "slurm-pending");
        release(firstJob);
        QTRY_VERIFY2_WITH_TIMEOUT(page.curves()->pointCount() >= 3 && labelText(page, "runState").contains(": RUNNING, in "),
                                  qPrintable(labelText(page, "runState")), kTimeout);
        QCOMPARE(labelText(page, "runState"), QString("Running: SLURM job %1 on localhost-cluster: RUNNING, in %2").arg(firstJob, folder));
        screenshot(window, "slurm-running");

        stopAndWait(page);  // scancel --signal=INT
        if (QTest::currentTestFailed()) return;
        QVERIFY(!page.checkpoints()->paths().isEmpty());
        QTRY_VERIFY2_WITH_TIMEOUT(labelText(page, "remoteStderr").contains(" (stop requested)"), qPrintable(labelText(page, "remoteStderr")), 15000);
        screenshot(window, "slurm-stopped");

        const qsizetype firstRun = got.iterations.size();
        const QString resumeScript = submitThroughDialog(page, "resumeButton", "slurm-resume-dialog");
        QVERIFY2(resumeScript.contains(" --resume auto") && resumeScript.contains("\n#SBATCH --time=00:30:00\n"), qPrintable(resumeScript));
        waitUntilHeldJobPending(page, folder);
        if (QTest::currentTestFailed()) return;
        const QString secondJob = page.remote()->run()->record().jobId;
        QVERIFY(secondJob != firstJob);
        release(secondJob);
        QTRY_VERIFY2_WITH_TIMEOUT(got.starts.size() == 2 && got.iterations.size() > firstRun + 1, qPrintable(labelText(page, "runState")), kTimeout);
        QVERIFY2(!got.starts[1].resumedFrom.isEmpty(), "the second job did not resume");
        QCOMPARE(got.iterations[firstRun], got.ends[1].iteration);  // it continues where the stop's checkpoint left it (ends[0]: the cancel)
        screenshot(window, "slurm-resumed");
        stopAndWait(page);
        if (QTest::currentTestFailed()) return;
        screenshot(window, "slurm-resumed-stopped");

        // Open in Inspect: the checkpoint is copied into the local cache and loaded in the Inspect page, where a
        // recording is open.
        window.openFiles({kRecording});
        QTRY_VERIFY_WITH_TIMEOUT(session.recordings()->rowCount() == 1 && session.loadingCount() == 0, 30000);
        window.pages()->setCurrentWidget(&page);
        const QString remote = page.checkpoints()->paths().first();
        QSignalSpy openRequested(&page, &TrainPage::openCheckpointRequested);
        openFirstCheckpoint(page);
        QTRY_COMPARE_WITH_TIMEOUT(openRequested.size(), 1, 30000);
        const QString local = openRequested[0][0].toString();
        QVERIFY2(local != remote && local.endsWith(QFileInfo(remote).fileName()), qPrintable(local));
        QCOMPARE(window.pages()->currentWidget(), static_cast<QWidget*>(window.inspectPage()));
        QTRY_VERIFY_WITH_TIMEOUT(session.models()->model().has_value(), 30000);
        QCOMPARE(session.models()->model()->path, local);
        screenshot(window, "inspect-checkpoint");
        QTRY_VERIFY_WITH_TIMEOUT(hosts_.queuedJobs().isEmpty(), 30000);  // both jobs left the queue
    }

private:
    void fill(TrainPage& page, const QString& output) {
        lineEdit(page, "speech")->setText(hosts_.path("speech"));
        lineEdit(page, "noise")->setText(hosts_.path("noise"));
        auto* preset = page.findChild<QComboBox*>("model");
        preset->setCurrentIndex(preset->findText("m2d_s_vit_tiny-80x64p80x2"));
        page.findChild<QComboBox*>("device")->setCurrentText("cpu");
        const QMap<QString, QString> numbers{{"epochs", "20000"}, {"warmup_epochs", "1"}, {"batch_size", "2"}, {"log_every", "1"},
                                             {"save_freq", "100"}, {"eval_freq", "100"}, {"workers", "1"}};
        for (auto it = numbers.begin(); it != numbers.end(); ++it) lineEdit(page, it.key())->setText(it.value());
        lineEdit(page, "output_dir")->setText(output);  // under the target's working folder
    }

    /// Presses `field`'s Upload…, chooses `local` in the folder dialog and `remote` as the folder on the host, then
    /// waits until the upload ended.
    static void uploadThroughTheDialogs(TrainPage& page, const QString& field, const QString& local, const QString& remote) {
        QTimer poll;
        poll.setInterval(50);
        QObject::connect(&poll, &QTimer::timeout, [&] {
            QWidget* modal = QApplication::activeModalWidget();
            if (auto* folders = qobject_cast<QFileDialog*>(modal)) {
                folders->setDirectory(local);
                static_cast<QDialog*>(folders)->accept();  // QFileDialog::accept, through the public virtual
            } else if (auto* host = qobject_cast<QInputDialog*>(modal)) {
                host->setTextValue(remote);
                host->accept();
                poll.stop();
            }
        });
        poll.start();
        page.form()->uploadButton(field)->click();  // returns once both dialogs are answered
        QVERIFY2(page.isUploading(), qPrintable(labelText(page, "uploadState")));
        QCOMPARE(page.form()->uploadButton(field)->text(), QString("Cancel Upload"));
        QTRY_VERIFY2_WITH_TIMEOUT(!page.isUploading(), qPrintable(labelText(page, "uploadState")), kTimeout);
    }

    /// The files under `folder`, at any depth.
    static int filesUnder(const QString& folder) {
        int files = 0;
        for (QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories); it.hasNext(); it.next()) ++files;
        return files;
    }

    /// Presses the button `pressed` (Start or Resume) and accepts the batch script dialog it opens, saved as
    /// `name`.png; returns the script the dialog showed.
    static QString submitThroughDialog(TrainPage& page, const char* pressed, const QString& name) {
        QString shown;
        QTimer poll;
        poll.setInterval(50);
        QObject::connect(&poll, &QTimer::timeout, [&] {
            auto* dialog = qobject_cast<SbatchScriptDialog*>(QApplication::activeModalWidget());
            if (!dialog) return;
            poll.stop();
            shown = dialog->script();
            screenshot(*dialog, name);
            dialog->editor()->moveCursor(QTextCursor::End);  // scrolled to the launch line's end: the train arguments
            dialog->editor()->moveCursor(QTextCursor::PreviousBlock);
            dialog->editor()->moveCursor(QTextCursor::EndOfBlock);
            screenshot(*dialog, name + "-end");
            dialog->findChild<QPushButton*>("submitScript")->click();
        });
        poll.start();
        button(page, pressed)->click();  // returns at once: the target's check comes first
        static_cast<void>(QTest::qWaitFor([&] { return !shown.isEmpty(); }, kTimeout));  // none shown: the caller's checks fail
        return shown;
    }

    /// Waits until the page's run is a held SLURM job and its state line says so; Stop enabled, Start not.
    static void waitUntilHeldJobPending(TrainPage& page, const QString& folder) {
        QTRY_VERIFY2_WITH_TIMEOUT(page.remote()->run()->state() == RemoteRun::State::Pending, qPrintable(labelText(page, "runState")), kTimeout);
        const QString pending = QString("Pending: SLURM job %1 on localhost-cluster: PENDING (JobHeldUser), in %2").arg(page.remote()->run()->record().jobId, folder);
        QTRY_COMPARE_WITH_TIMEOUT(labelText(page, "runState"), pending, 15000);
        QVERIFY(button(page, "stopButton")->isEnabled() && !button(page, "startButton")->isEnabled());
    }

    /// Stop, until the page says the run stopped; a status poll answering after the end does not change that.
    static void stopAndWait(TrainPage& page) {
        button(page, "stopButton")->click();
        QTRY_VERIFY2_WITH_TIMEOUT(labelText(page, "runState").startsWith("Stopped."), qPrintable(labelText(page, "runState")), kTimeout);
        QVERIFY(button(page, "resumeButton")->isEnabled() && button(page, "startButton")->isEnabled() && !button(page, "stopButton")->isEnabled());
        emit page.remote()->run()->statusChanged();  // as RemoteRun's last poll, in flight when the log's end arrived (SLURM: "FAILED", exit 130)
        QVERIFY2(labelText(page, "runState").startsWith("Stopped."), qPrintable(labelText(page, "runState")));
    }

    static void openFirstCheckpoint(TrainPage& page) {
        page.checkpoints()->list()->setCurrentRow(0);
        page.checkpoints()->findChild<QPushButton*>("openCheckpoint")->click();
    }

    void release(const QString& job) {
        const QString problem = hosts_.release(job);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    static void forgetRemoteRuns() {
        QFile::remove(RemoteRunRegistry().path());
        QSettings().remove(QLatin1String(TrainPage::kActiveRemoteRunKey));
        QSettings().remove(QLatin1String(TrainPage::kActiveRunKey));
    }

    test::LocalTrainingHosts hosts_{QStringLiteral(M2DS_EXECUTABLE)};
    QString noCluster_;
    LaunchTarget ssh_;
    LaunchTarget slurm_;
    LaunchTarget noM2ds_;  ///< loopback with an m2ds path that is not there
};

QTEST_MAIN(TestTrainPageRemote)
#include "tst_TrainPageRemote.moc"
