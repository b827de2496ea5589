// The Train page's "Probe checkpoints…", offscreen: a run folder holding the tiny model as checkpoint-0 and
// checkpoint-1-it7 (our .safetensors, told apart by their provenance) and a small labelled set of synthetic
// recordings. Probe draws a cell per checkpoint and layer in training order and says the baseline; a checkpoint the
// run saves later adds a column, and only it is embedded (the cache gains one entry per recording) and probed (the
// others' scores are kept); a checkpoint the run deletes drops its column;
// Cancel stops the job and the following; closing the panel cancels. With $M2DS_SCREENSHOT_DIR set, the panel is
// saved there as run-probe.png.
#include <QDirIterator>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "LabelledRecordings.h"
#include "ModelFixtures.h"
#include "TestData.h"
#include "checkpoint/CheckpointExporter.h"
#include "checkpoint/CheckpointImporter.h"
#include "dialogs/RunProbeDialog.h"
#include "jobs/RunProbeService.h"
#include "model/ModelPresets.h"
#include "pages/TrainPage.h"
#include "plots/RunProbeHeatMap.h"
#include "training/TrainPresets.h"
#include "widgets/TrainForm.h"

using namespace m2ds;

namespace {

/// The tiny model written as the run's checkpoint `name` (its provenance names it, so each file has its own hash).
void writeCheckpoint(const QString& folder, const QString& name) {
    const ImportedCheckpoint tiny = CheckpointImporter(ModelPresets::loadDirectory(test::presetsDirectory().toStdString()))
                                        .read(test::tinyCheckpoint().toStdString());
    CheckpointExporter::writeSafetensors(QDir(folder).filePath(name).toStdString(), tiny.config, tiny.weights,
                                         "{\"checkpoint\": \"" + name.toStdString() + "\"}");
}

int cachedEntries(const QString& cache) {
    int count = 0;
    for (QDirIterator it(cache, {"*.npy"}, QDir::Files, QDirIterator::Subdirectories); it.hasNext(); it.next()) ++count;
    return count;
}

}  // namespace

class TestRunProbeDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        test::isolateSettings();
        QVERIFY(dir_.isValid());
        qputenv("XDG_CACHE_HOME", dir_.filePath("cache").toUtf8());  // the embedding cache, kept out of the user's
        QCOMPARE(test::writeLabelledRecordings(dir_.filePath("set"), {"high", "low"}, 6).size(), 12);
    }

    void init() {
        run_ = std::make_unique<QTemporaryDir>();
        writeCheckpoint(run_->path(), "checkpoint-1-it7.safetensors");
        writeCheckpoint(run_->path(), "checkpoint-0.safetensors");
        page_ = std::make_unique<TrainPage>(TrainPresets::load(test::presetsDirectory()), QStringLiteral("m2ds"));
        TrainSettings settings = page_->form()->settings();
        settings.outputDirectory = run_->path();
        page_->form()->setSettings(settings);
        page_->resize(1200, 800);
        page_->show();
        QVERIFY(QTest::qWaitForWindowExposed(page_.get()));
        page_->probeCheckpointsButton()->click();
        dialog_ = page_->findChild<RunProbeDialog*>();
        QVERIFY(dialog_ && dialog_->isVisible());
        service_ = page_->findChild<RunProbeService*>();
        QVERIFY(service_);
        service_->setDebounceInterval(100);
        RunProbeRequest request = dialog_->request();
        QCOMPARE(request.runFolder, run_->path());
        request.probe.labelSource = dir_.filePath("set");
        request.probe.folds = 3;
        dialog_->setRequest(request);
    }

    void cleanup() {
        page_.reset();
        run_.reset();
    }

    void probesEveryCheckpointAndANewOneAddsAColumn() {
        RunProbeHeatMap* map = dialog_->heatMap();
        dialog_->probeButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(map->columnCount(), 2, 60000);
        const RunProbeDataPtr first = service_->results();
        QVERIFY(map->rowCount() > 1);
        QCOMPARE(map->rowCount(), int(first->layers.size()));
        QCOMPARE(first->checkpoints[0].label(), QString("0"));
        QCOMPARE(first->checkpoints[1].label(), QString("1 it7"));
        QVERIFY2(dialog_->statusText().contains("log-mel baseline"), qPrintable(dialog_->statusText()));
        const QPoint cell(int(map->xAxis->coordToPixel(1.0)), int(map->yAxis->coordToPixel(0.0)));
        QVERIFY2(map->describeAt(cell).contains("epoch 1, iteration 7 (checkpoint-1-it7.safetensors): accuracy"), qPrintable(map->describeAt(cell)));
        const int entries = cachedEntries(dir_.filePath("cache"));

        QSignalSpy started(service_, &RunProbeService::started);
        writeCheckpoint(run_->path(), "checkpoint-1.safetensors");  // the run saves the end of epoch 1
        QTRY_COMPARE_WITH_TIMEOUT(map->columnCount(), 3, 60000);
        QCOMPARE(started.count(), 1);
        QCOMPARE(service_->results()->checkpoints[2].label(), QString("1"));
        QCOMPARE(cachedEntries(dir_.filePath("cache")), entries + 12);  // the new checkpoint's 12 recordings only
        QCOMPARE(first->probed, 2);
        QCOMPARE(service_->results()->probed, 1);  // the others' scores were kept
        QCOMPARE(map->valueAt(0, 0), first->at(0, 0).accuracy);
        QCOMPARE(map->valueAt(int(first->layers.size()) - 1, 1), first->at(1, int(first->layers.size()) - 1).accuracy);

        QVERIFY(QFile::remove(run_->path() + "/checkpoint-0.safetensors"));  // the run keeps the last few
        QTRY_COMPARE_WITH_TIMEOUT(map->columnCount(), 2, 60000);
        QCOMPARE(service_->results()->probed, 0);
        QCOMPARE(service_->results()->checkpoints[0].label(), QString("1 it7"));

        const QString screenshots = qEnvironmentVariable("M2DS_SCREENSHOT_DIR");
        if (!screenshots.isEmpty()) QVERIFY(dialog_->grab().save(screenshots + "/run-probe.png"));
    }

    void cancelStopsTheJobAndTheFollowing() {
        QSignalSpy results(service_, &RunProbeService::resultsReady);
        dialog_->probeButton()->click();
        QVERIFY(dialog_->cancelButton()->isEnabled());
        dialog_->cancelButton()->click();
        QVERIFY(!service_->isFollowing());
        QVERIFY(dialog_->statusText().startsWith("Cancelled"));
        QVERIFY(!dialog_->cancelButton()->isEnabled());
        QVERIFY(dialog_->probeButton()->isEnabled());
        QSignalSpy started(service_, &RunProbeService::started);
        writeCheckpoint(run_->path(), "checkpoint-1.safetensors");
        QTest::qWait(400);  // past the debounce: nothing follows the folder any more
        QCOMPARE(started.count(), 0);
        QCOMPARE(results.count(), 0);
    }

    void closingThePanelCancels() {
        dialog_->probeButton()->click();
        QVERIFY(service_->isFollowing());
        dialog_->reject();
        QVERIFY(!service_->isFollowing());
    }

private:
    QTemporaryDir dir_;
    std::unique_ptr<QTemporaryDir> run_;
    std::unique_ptr<TrainPage> page_;
    RunProbeDialog* dialog_ = nullptr;
    RunProbeService* service_ = nullptr;
};

QTEST_MAIN(TestRunProbeDialog)
#include "tst_RunProbeDialog.moc"
