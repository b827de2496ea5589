// The Train page, offscreen, against a stand-in for `m2ds train` (tests/app/training/fake-m2ds.sh): the form
// refuses what cannot run and says why next to the fields, a preset fills the geometry, Start / Stop / Resume
// drive the run while curves, status and checkpoints follow its log, the dry run reports its numbers, a
// restarted workbench follows the remembered run, and a checkpoint is offered to Inspect; for a remote target
// the data fields offer Upload…, whose failures are said under the form and whose button cancels it, and Start
// checks the target first (off the GUI thread, Stop cancels it): a host that does not answer launches nothing.
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
#include <QToolButton>
#include <QtTest>
#include <csignal>

#include "TestData.h"
#include "TrainPageDriver.h"
#include "UnreachableTarget.h"
#include "pages/TrainPage.h"
#include "training/LaunchTargetStore.h"
#include "training/RemoteTrainingController.h"
#include "plots/TrainingCurves.h"
#include "widgets/CheckpointList.h"
#include "widgets/LaunchTargetSelector.h"
#include "widgets/PathPicker.h"
#include "widgets/TrainForm.h"

using namespace m2ds;
using test::button;
using test::labelText;
using test::lineEdit;

class TestTrainPage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        test::isolateSettings();
        QVERIFY(dir_.isValid());
        program_ = dir_.filePath("m2ds");
        QVERIFY(QFile::copy(QStringLiteral(M2DS_FAKE_M2DS), program_));
        QVERIFY(QFile::setPermissions(program_, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QVERIFY(QDir(dir_.path()).mkpath("speech"));
        QVERIFY(QDir(dir_.path()).mkpath("noise"));
        presets_ = TrainPresets::load(QStringLiteral(M2DS_PRESETS_DIRECTORY));
        QVERIFY(!presets_.isEmpty());
    }
    void init() {
        QSettings().remove(QLatin1String(TrainPage::kActiveRunKey));
        qunsetenv("FAKE_M2DS_MODE");
        qputenv("FAKE_M2DS_STEPS", "400");
    }

    void theFormNamesWhatCannotRun() {
        TrainPage page(presets_, program_);
        QCOMPARE(page.form()->settings().number("batch_size"), QString("64"));  // the official defaults
        QCOMPARE(page.form()->settings().inputSize, QString("80x608"));
        QVERIFY(button(page, "startButton")->isEnabled());
        QVERIFY(!button(page, "stopButton")->isEnabled());
        QVERIFY(!button(page, "resumeButton")->isEnabled());

        lineEdit(page, "batch_size")->setText("0");
        button(page, "startButton")->click();
        QCOMPARE(page.run()->state(), TrainingRun::State::Idle);  // nothing launched
        auto* problems = page.findChild<QLabel*>("formProblems");
        QVERIFY(!problems->isHidden());
        for (const char* expected : {"Speech:", "Batch size: batch_size: 0 is outside [1, 65536]", "Output folder:"})
            QVERIFY2(problems->text().contains(expected), qPrintable(problems->text()));
        QVERIFY(!page.form()->field("speech")->styleSheet().isEmpty());
        QVERIFY(page.form()->field("epochs")->styleSheet().isEmpty());

        lineEdit(page, "speech")->setText(dir_.filePath("speech"));  // corrections are followed at once
        QVERIFY(!problems->text().contains("Speech:"));
        QVERIFY(page.form()->field("speech")->styleSheet().isEmpty());
        lineEdit(page, "noise")->setText(dir_.filePath("noise"));
        lineEdit(page, "batch_size")->setText("4");
        lineEdit(page, "output_dir")->setText(dir_.filePath("never-started"));
        QVERIFY(problems->isHidden());
    }

    void aPresetFillsTheGeometry() {
        TrainPage page(presets_, program_);
        auto* preset = page.findChild<QComboBox*>("model");
        preset->setCurrentIndex(preset->findText("m2d_s_vit_tiny-80x64p80x2"));
        QCOMPARE(page.form()->settings().model, QString("m2d_s_vit_tiny"));
        QCOMPARE(lineEdit(page, "input_size")->text(), QString("80x64"));
        QCOMPARE(lineEdit(page, "patch_size")->text(), QString("80x2"));
        lineEdit(page, "input_size")->setText("80x65");
        button(page, "dryRunButton")->click();
        QVERIFY(labelText(page, "formProblems").contains("does not divide the input 80x65"));
    }

    void startStopResumeFollowTheLog() {
        const QString run = dir_.filePath("run");
        TrainPage page(presets_, program_);
        fill(page, run);
        button(page, "startButton")->click();
        QCOMPARE(page.run()->state(), TrainingRun::State::Running);
        QVERIFY(!button(page, "startButton")->isEnabled());
        QVERIFY(button(page, "stopButton")->isEnabled());
        QVERIFY(!page.form()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(page.curves()->pointCount() >= 3, 10000);
        QVERIFY2(labelText(page, "runProgress").startsWith("Epoch 1 / 40 · iteration"), qPrintable(labelText(page, "runProgress")));
        QVERIFY(labelText(page, "runState").startsWith("Running (process"));
        QCOMPARE(QSettings().value(QLatin1String(TrainPage::kActiveRunKey)).toString(), run);

        button(page, "stopButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(page.run()->state(), TrainingRun::State::Idle, 10000);
        QVERIFY2(labelText(page, "runState").startsWith("Stopped."), qPrintable(labelText(page, "runState")));
        QVERIFY(!page.checkpoints()->paths().isEmpty());
        QVERIFY2(page.checkpoints()->paths()[0].contains("-it"), qPrintable(page.checkpoints()->paths()[0]));  // newest first
        QVERIFY(button(page, "resumeButton")->isEnabled());
        const int points = page.curves()->pointCount();

        button(page, "resumeButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(page.curves()->pointCount() >= points + 2, 10000);
        QVERIFY(!button(page, "resumeButton")->isEnabled());
        if (!qEnvironmentVariableIsEmpty("M2DS_SCREENSHOT")) {
            page.resize(1280, 760);
            QTest::qWait(500);
            page.grab().save(qEnvironmentVariable("M2DS_SCREENSHOT"));
        }

        TrainPage restarted(presets_, program_);  // a workbench started again follows the remembered run
        QTRY_COMPARE_WITH_TIMEOUT(restarted.run()->state(), TrainingRun::State::Running, 10000);
        QCOMPARE(restarted.run()->pid(), page.run()->pid());
        QVERIFY(restarted.curves()->pointCount() >= points + 2);
        QCOMPARE(restarted.form()->settings().number("batch_size"), QString("4"));
        QCOMPARE(restarted.form()->settings().outputDirectory, run);
        button(restarted, "stopButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(page.run()->state(), TrainingRun::State::Idle, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(restarted.run()->state(), TrainingRun::State::Idle, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(restarted.checkpoints()->paths().size() >= 2, 5000);

        QSignalSpy open(&restarted, &TrainPage::openCheckpointRequested);
        restarted.checkpoints()->list()->setCurrentRow(0);
        restarted.checkpoints()->findChild<QPushButton*>("openCheckpoint")->click();
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.first().first().toString(), restarted.checkpoints()->paths()[0]);
    }

    void aCrashShowsStderr() {
        qputenv("FAKE_M2DS_MODE", "crash");
        TrainPage page(presets_, program_);
        fill(page, dir_.filePath("crashing"));
        button(page, "startButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(page.run()->state(), TrainingRun::State::Idle, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(labelText(page, "runState").startsWith("Crashed."), 10000);
        QVERIFY(labelText(page, "runState").contains("c10::Error"));
        QVERIFY(button(page, "resumeButton")->isEnabled());
    }

    void choosingTheFolderOfAnEarlierRunFollowsIt() {
        qputenv("FAKE_M2DS_STEPS", "12");
        const QString earlier = dir_.filePath("earlier");
        {
            TrainPage page(presets_, program_);
            fill(page, earlier);
            button(page, "startButton")->click();
            QTRY_VERIFY_WITH_TIMEOUT(labelText(page, "runState").startsWith("Finished."), 10000);
            QVERIFY(!button(page, "resumeButton")->isEnabled());
        }
        QSettings().remove(QLatin1String(TrainPage::kActiveRunKey));
        TrainPage page(presets_, program_);
        QCOMPARE(page.curves()->pointCount(), 0);
        emit page.form()->outputPicker()->pathChosen(earlier);
        QTRY_COMPARE_WITH_TIMEOUT(page.curves()->pointCount(), 12, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(labelText(page, "runState").startsWith("Finished."), 10000);
        QCOMPARE(page.checkpoints()->paths().size(), 1);
        QCOMPARE(page.form()->settings().number("batch_size"), QString("4"));
        button(page, "startButton")->click();  // not over an earlier run
        QVERIFY(labelText(page, "formProblems").contains("already holds a training run"));
    }

    void dryRunReportsMemoryAndTime() {
        TrainPage page(presets_, program_);
        fill(page, dir_.filePath("dry"));
        button(page, "dryRunButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(labelText(page, "dryRunResult").startsWith("Dry run on cpu"), 10000);
        const QString result = labelText(page, "dryRunResult");
        for (const char* expected : {"12.5 samples/s", "321 MiB", "1 h 02 min per epoch", "2 h 04 min for the schedule", "5.30 M parameters"})
            QVERIFY2(result.contains(expected), qPrintable(result));
        QCOMPARE(button(page, "dryRunButton")->text(), QString("Dry Run"));
        QVERIFY(!QFile::exists(dir_.filePath("dry/log.jsonl")));

        qputenv("FAKE_M2DS_MODE", "fail");
        button(page, "dryRunButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(labelText(page, "dryRunResult").startsWith("Dry run failed: m2ds train:"), 10000);
    }

    void uploadIsOfferedForARemoteTargetAndSaysWhatWentWrong() {
        const LaunchTarget host = test::unreachableTarget();  // the upload's first ssh is refused
        LaunchTargetStore().save({host});
        TrainPage page(presets_, program_);
        QToolButton* speech = page.form()->uploadButton("speech");
        QToolButton* noise = page.form()->uploadButton("noise");
        QVERIFY(speech && noise && speech->isHidden() && noise->isHidden());  // this computer's paths need none
        QVERIFY(!page.uploadData("speech", dir_.filePath("speech")));

        QVERIFY(page.targets()->select("nobody"));
        QVERIFY(!speech->isHidden() && !noise->isHidden());
        lineEdit(page, "speech")->setText("/srv/m2ds/data/earlier");
        QVERIFY(!page.uploadData("speech", dir_.filePath("nowhere")));
        QCOMPARE(labelText(page, "uploadState"), dir_.filePath("nowhere") + " does not exist on this computer.");

        QVERIFY(page.uploadData("speech", dir_.filePath("speech")));
        QCOMPARE(speech->text(), QString("Cancel Upload"));
        QVERIFY(!noise->isEnabled() && !button(page, "startButton")->isEnabled() && !page.targets()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!page.isUploading(), 20000);
        QVERIFY2(labelText(page, "uploadState").startsWith("Cannot upload to 127.0.0.1:/srv/m2ds/data/speech: ") &&
                     labelText(page, "uploadState").contains("is not reachable"), qPrintable(labelText(page, "uploadState")));
        QCOMPARE(lineEdit(page, "speech")->text(), QString("/srv/m2ds/data/earlier"));  // kept
        QCOMPARE(speech->text(), QString("Upload…"));
        QVERIFY(noise->isEnabled() && button(page, "startButton")->isEnabled() && page.targets()->isEnabled());

        QVERIFY(page.uploadData("noise", dir_.filePath("noise")));
        noise->click();  // Cancel Upload
        QTRY_VERIFY_WITH_TIMEOUT(!page.isUploading(), 20000);
        QVERIFY2(labelText(page, "uploadState").contains("was cancelled"), qPrintable(labelText(page, "uploadState")));
        QFile::remove(LaunchTargetStore().path());
    }

    void startOnARemoteTargetChecksItFirst() {
        const LaunchTarget host = test::unreachableTarget();  // the check's ssh is refused
        LaunchTargetStore().save({host});
        TrainPage page(presets_, program_);
        QVERIFY(page.targets()->select("nobody"));
        fill(page, "run");
        button(page, "startButton")->click();
        QCOMPARE(labelText(page, "runState"), QString("Checking nobody before the launch: the login, m2ds --version, free space for /srv/m2ds/run…"));
        QVERIFY(page.isCheckingTarget() && button(page, "stopButton")->isEnabled());
        QVERIFY(!button(page, "startButton")->isEnabled() && !page.form()->isEnabled() && !page.targets()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!page.isCheckingTarget(), 20000);
        const QStringList lines = labelText(page, "runState").split('\n');
        QVERIFY2(lines.size() == 2 && lines[0] == "Nothing was launched on nobody:" && lines[1].contains("is not reachable") &&
                     lines[1].contains("Connection refused"), qPrintable(lines.join('\n')));
        QCOMPARE(page.remote()->run()->state(), RemoteRun::State::Idle);
        QVERIFY(page.remote()->run()->record().directory.isEmpty());  // no launch was sent
        QCOMPARE(lineEdit(page, "output_dir")->text(), QString("run"));
        QVERIFY(button(page, "startButton")->isEnabled() && !button(page, "stopButton")->isEnabled() && page.form()->isEnabled());

        button(page, "startButton")->click();
        button(page, "stopButton")->click();  // before the answer: the check is dropped
        QVERIFY(!page.isCheckingTarget());
        QCOMPARE(labelText(page, "runState"), QString("The check of nobody was cancelled; nothing was launched."));
        QVERIFY(button(page, "startButton")->isEnabled() && page.targets()->isEnabled());
        QFile::remove(LaunchTargetStore().path());
    }

private:
    void fill(TrainPage& page, const QString& output) {
        lineEdit(page, "speech")->setText(dir_.filePath("speech"));
        lineEdit(page, "noise")->setText(dir_.filePath("noise"));
        lineEdit(page, "batch_size")->setText("4");
        lineEdit(page, "output_dir")->setText(output);
    }

    QTemporaryDir dir_;
    QString program_;
    QVector<TrainPreset> presets_;
};

QTEST_MAIN(TestTrainPage)
#include "tst_TrainPage.moc"
