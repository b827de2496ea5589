// End to end: the workbench window's Train page drives a real tiny `m2ds train` run (m2d_s_vit_tiny on
// pocketsphinx-testdata speech and sonic-pi noise, MFCC teacher): dry run, start, live curves, stop (a
// checkpoint appears), resume to the end of the schedule, and the newest checkpoint opens in Inspect.
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

#include "TestData.h"
#include "TrainPageDriver.h"
#include "jobs/ModelService.h"
#include "mainwindow/MainWindow.h"
#include "pages/TrainPage.h"
#include "plots/TrainingCurves.h"
#include "session/Session.h"
#include "widgets/CheckpointList.h"
#include "widgets/PathPicker.h"
#include "widgets/TrainForm.h"

using namespace m2ds;
using test::button;
using test::labelText;
using test::lineEdit;

namespace {

const QString kPocketsphinx = QStringLiteral("/usr/share/pocketsphinx/test/data/");
const QStringList kSpeech{"cards/001.wav", "cards/002.wav", "cards/003.wav", "cards/004.wav", "cards/005.wav",
                          "librivox/sense_and_sensibility_01_austen_64kb-0870.wav", "librivox/sense_and_sensibility_01_austen_64kb-0880.wav",
                          "librivox/sense_and_sensibility_01_austen_64kb-0890.wav", "librivox/sense_and_sensibility_01_austen_64kb-0920.wav",
                          "librivox/sense_and_sensibility_01_austen_64kb-0930.wav"};
const QStringList kNoise{"/usr/share/sonic-pi/samples/ambi_drone.flac", "/usr/share/sonic-pi/samples/ambi_soft_buzz.flac"};
constexpr int kCopies = 2;        // each recording twice: 20 utterances, 5 iterations of 4 per epoch
constexpr int kEpochs = 100;       // ~10 ms an iteration on an idle CPU: long enough for a stop to arrive mid-run
constexpr int kIterations = kEpochs * 5;
constexpr int kTimeout = 300000;

}  // namespace

class TestTrainPageEndToEnd : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        test::isolateSettings();
        QSettings().remove(QLatin1String(TrainPage::kActiveRunKey));
        qputenv("M2DS_CLI", M2DS_EXECUTABLE);  // the workbench finds m2ds through this override
        QVERIFY(dir_.isValid());
    }

    void trainsStopsResumesAndOpensTheCheckpoint() {
        prepareData();
        Session session(QStringLiteral(M2DS_PRESETS_DIRECTORY));
        MainWindow window(session);
        window.pages()->setCurrentWidget(window.trainPage());
        TrainPage& page = *window.trainPage();
        fill(page);
        qint64 lastIteration = -1;
        qint64 totalIterations = 0;
        connect(page.run(), &TrainingRun::recordsRead, this, [&](const TrainingLogBatch& batch) {
            if (!batch.steps.isEmpty()) lastIteration = batch.steps.last().iteration;
            if (!batch.starts.isEmpty()) totalIterations = batch.starts.last().totalIterations;
        });

        button(page, "dryRunButton")->click();
        QTRY_VERIFY2_WITH_TIMEOUT(!labelText(page, "dryRunResult").contains("preparing"), qPrintable(labelText(page, "dryRunResult")), kTimeout);
        QVERIFY2(labelText(page, "dryRunResult").startsWith("Dry run on cpu (5 steps)"), qPrintable(labelText(page, "dryRunResult")));
        QVERIFY2(labelText(page, "dryRunResult").contains(QString("(%1 iterations)").arg(kIterations)), qPrintable(labelText(page, "dryRunResult")));

        button(page, "startButton")->click();
        QCOMPARE(page.run()->state(), TrainingRun::State::Running);
        QTRY_VERIFY2_WITH_TIMEOUT(page.curves()->pointCount() >= 1 || page.run()->state() == TrainingRun::State::Idle,
                                  qPrintable(labelText(page, "runState")), kTimeout);
        QCOMPARE(page.run()->state(), TrainingRun::State::Running);
        QCOMPARE(totalIterations, qint64(kIterations));
        button(page, "stopButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(page.run()->state(), TrainingRun::State::Idle, kTimeout);
        QVERIFY2(labelText(page, "runState").startsWith("Stopped."), qPrintable(labelText(page, "runState")));
        QVERIFY2(lastIteration < totalIterations - 1, "the run ended before the stop arrived: raise kEpochs");
        QVERIFY(!page.checkpoints()->paths().isEmpty());
        const int pointsAtStop = page.curves()->pointCount();

        button(page, "resumeButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(page.run()->state(), TrainingRun::State::Idle, kTimeout);
        QVERIFY2(labelText(page, "runState").startsWith("Finished."), qPrintable(labelText(page, "runState")));
        QCOMPARE(lastIteration, totalIterations - 1);
        QVERIFY(page.curves()->pointCount() > pointsAtStop);
        QVERIFY2(labelText(page, "runProgress").startsWith(QString("Epoch %1 / %1 · iteration %2 / %2").arg(kEpochs).arg(totalIterations)),
                 qPrintable(labelText(page, "runProgress")));

        if (!qEnvironmentVariableIsEmpty("M2DS_SCREENSHOT")) {
            window.show();
            QTest::qWait(500);
            window.grab().save(qEnvironmentVariable("M2DS_SCREENSHOT"));
        }
        const QString newest = page.checkpoints()->paths().first();
        QVERIFY2(newest.endsWith(QString("checkpoint-%1.safetensors").arg(kEpochs - 1)), qPrintable(newest));
        page.checkpoints()->list()->setCurrentRow(0);
        page.checkpoints()->findChild<QPushButton*>("openCheckpoint")->click();
        QCOMPARE(window.pages()->currentIndex(), 0);  // Inspect
        QTRY_VERIFY_WITH_TIMEOUT(session.models()->model().has_value(), kTimeout);
        QVERIFY2(session.models()->model()->name.startsWith("m2d_s_vit_tiny-80x64p80x2"), qPrintable(session.models()->model()->name));
    }

private:
    void prepareData() {
        for (const QString& file : kSpeech) M2DS_REQUIRE_RECORDING(kPocketsphinx + file, "pocketsphinx-testdata");
        for (const QString& file : kNoise) M2DS_REQUIRE_RECORDING(file, "sonic-pi-samples");
        QVERIFY(QDir(dir_.path()).mkpath("speech") && QDir(dir_.path()).mkpath("noise"));
        for (int copy = 0; copy < kCopies; ++copy)
            for (const QString& file : kSpeech)
                QVERIFY(QFile::copy(kPocketsphinx + file, dir_.filePath(QString("speech/%1-%2").arg(copy).arg(QString(file).replace('/', '-')))));
        for (const QString& file : kNoise) QVERIFY(QFile::copy(file, dir_.filePath("noise/" + QFileInfo(file).fileName())));
    }

    void fill(TrainPage& page) {
        lineEdit(page, "speech")->setText(dir_.filePath("speech"));
        lineEdit(page, "noise")->setText(dir_.filePath("noise"));
        auto* preset = page.findChild<QComboBox*>("model");
        preset->setCurrentIndex(preset->findText("m2d_s_vit_tiny-80x64p80x2"));
        page.findChild<QComboBox*>("device")->setCurrentText("cpu");
        const QMap<QString, QString> numbers{{"epochs", QString::number(kEpochs)}, {"warmup_epochs", "1"}, {"batch_size", "4"},
                                             {"log_every", "1"}, {"save_freq", "25"}, {"eval_freq", "25"}, {"workers", "1"}};
        for (auto it = numbers.begin(); it != numbers.end(); ++it) lineEdit(page, it.key())->setText(it.value());
        lineEdit(page, "output_dir")->setText(dir_.filePath("run"));
    }

    QTemporaryDir dir_;
};

QTEST_MAIN(TestTrainPageEndToEnd)
#include "tst_TrainPageEndToEnd.moc"
