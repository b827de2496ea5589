// The Probe page in the workbench window, offscreen, with the tiny model on a small labelled set of synthetic
// recordings (two labels, six each): Estimate counts and caches, Run draws one curve point per layer plus the
// baseline, the weights, the CKA cells and the scatter; a clicked point opens its recording in Inspect; the results
// save as JSON and CSV; Cancel drops a run; a set with one label only shows the error. With $M2DS_SCREENSHOT_DIR set,
// the page is saved there as probe.png.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "LabelledRecordings.h"
#include "ModelFixtures.h"
#include "TestData.h"
#include "jobs/ModelService.h"
#include "jobs/ProbeService.h"
#include "mainwindow/MainWindow.h"
#include "pages/InspectPage.h"
#include "pages/ProbePage.h"
#include "plots/EmbeddingScatter.h"
#include "plots/LayerWeightBars.h"
#include "plots/ProbeLayerCurve.h"
#include "plots/RecordingPlot.h"
#include "plots/SimilarityHeatMap.h"
#include "session/Session.h"
#include "widgets/ProbeForm.h"

using namespace m2ds;

namespace {

QPushButton* formButton(ProbeForm* form, const QString& text) {
    for (QPushButton* button : form->findChildren<QPushButton*>())
        if (button->text() == text) return button;
    return nullptr;
}

}  // namespace

class TestProbePage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        test::isolateSettings();
        QVERIFY(dir_.isValid());
        qputenv("XDG_CACHE_HOME", dir_.filePath("cache").toUtf8());  // the embedding cache, kept out of the user's
        QCOMPARE(test::writeLabelledRecordings(dir_.filePath("set"), {"high", "low"}, 6).size(), 12);
        QCOMPARE(test::writeLabelledRecordings(dir_.filePath("single"), {"only"}, 3).size(), 3);
    }

    void init() {
        session_ = std::make_unique<Session>(test::presetsDirectory());
        window_ = std::make_unique<MainWindow>(*session_);
        window_->resize(1400, 900);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        window_->openFiles({test::tinyCheckpoint()});
        QTRY_VERIFY_WITH_TIMEOUT(session_->models()->model().has_value(), 30000);
        window_->pages()->setCurrentWidget(window_->probePage());
        ProbeRequest request;
        request.labelSource = dir_.filePath("set");
        request.folds = 3;
        window_->probePage()->form()->setRequest(request);
    }

    void cleanup() {
        window_.reset();
        session_.reset();
    }

    void runDrawsEveryLayerAndTheBaselineAndAClickOpensTheRecording() {
        ProbePage* page = window_->probePage();
        ProbeForm* form = page->form();
        const int layers = session_->models()->model()->depth + 1;
        formButton(form, "Estimate")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!form->estimateText().isEmpty(), 30000);
        QVERIFY2(form->estimateText().startsWith("12 recordings, 0 cached, ~"), qPrintable(form->estimateText()));
        QVERIFY(form->estimateText().endsWith("s of audio"));

        formButton(form, "Run")->click();
        QVERIFY(form->isRunning());
        QTRY_VERIFY2_WITH_TIMEOUT(page->service()->results() != nullptr, qPrintable(form->statusText()), 120000);
        QVERIFY(!form->isRunning());
        QCOMPARE(page->layerCurve()->modelCount(), 1);
        QCOMPARE(page->layerCurve()->pointCount(0), layers);
        QVERIFY(page->layerCurve()->hasBaseline());
        QCOMPARE(page->weightBars()->barCount(0), layers);
        QCOMPARE(page->similarity()->rowCount(), layers);
        QCOMPARE(page->similarity()->columnCount(), layers);
        QCOMPARE(page->similarity()->valueAt(0, 0), 1.0);
        QCOMPARE(int(page->scatter()->projection().points.size()), 12);
        QVERIFY2(page->summaryText().contains("best layer"), qPrintable(page->summaryText()));

        const QString screenshots = qEnvironmentVariable("M2DS_SCREENSHOT_DIR");
        if (!screenshots.isEmpty()) {
            QTest::qWait(300);
            window_->grab().save(screenshots + "/probe.png");
        }
        savesJsonAndCsv(layers);

        formButton(form, "Estimate")->click();  // the embeddings are in the cache now
        QTRY_VERIFY2_WITH_TIMEOUT(form->estimateText().startsWith("12 recordings, 12 cached, ~0.0 MB, ~0 s"), qPrintable(form->estimateText()), 30000);

        EmbeddingScatter* scatter = page->scatter();
        scatter->replot();
        QSignalSpy opened(page, &ProbePage::openRecordingRequested);
        const ProbePoint clicked = scatter->projection().points[3];
        QTest::mouseClick(scatter, Qt::LeftButton, {}, scatter->pixelOf(3).toPoint());
        QCOMPARE(opened.count(), 1);
        QVERIFY(QFileInfo(opened.at(0).at(0).toString()) == QFileInfo(clicked.file));
        QCOMPARE(window_->pages()->currentWidget(), static_cast<QWidget*>(window_->inspectPage()));
        QTRY_VERIFY_WITH_TIMEOUT(window_->recordingPlot()->recording() != nullptr, 30000);
        QCOMPARE(window_->recordingPlot()->recording()->path, QFileInfo(clicked.file).absoluteFilePath());
    }

    void cancelDropsTheRun() {
        ProbePage* page = window_->probePage();
        ProbeForm* form = page->form();
        QSignalSpy results(page->service(), &ProbeService::resultsReady);
        formButton(form, "Run")->click();
        QVERIFY(form->isRunning());
        formButton(form, "Cancel")->click();
        QVERIFY(!form->isRunning());
        QCOMPARE(form->statusText(), QString("Cancelled."));
        QTest::qWait(500);  // a dropped job never delivers, whenever it stops
        QCOMPARE(results.count(), 0);
        QVERIFY(page->service()->results() == nullptr);
    }

    void aSetWithOneLabelShowsTheError() {
        ProbeForm* form = window_->probePage()->form();
        ProbeRequest request = form->request();
        request.labelSource = dir_.filePath("single");
        form->setRequest(request);
        formButton(form, "Run")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!form->isRunning(), 30000);
        QVERIFY2(form->statusText().contains(dir_.filePath("single")) && form->statusText().contains("label"), qPrintable(form->statusText()));
        QVERIFY(!form->statusText().contains('\n'));
        QVERIFY(window_->probePage()->service()->results() == nullptr);
    }

private:
    void savesJsonAndCsv(int layers) {
        ProbeService* service = window_->probePage()->service();
        QCOMPARE(service->saveResults(dir_.filePath("probe.json")), QString());
        QFile json(dir_.filePath("probe.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject report = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(report["layers"].toArray().size(), layers);
        QVERIFY(report.contains("baseline"));
        QCOMPARE(service->saveResults(dir_.filePath("probe.csv")), QString());
        QFile csv(dir_.filePath("probe.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QString("layer,model,accuracy,std,f1,f1_std"));
        QCOMPARE(lines.size(), 1 + layers + 2);  // header, the layers, weighted sum, baseline
        QVERIFY(lines.last().startsWith("baseline,,"));
        QVERIFY(service->saveResults(dir_.filePath("probe.txt")).contains("probe.txt"));
    }

    QTemporaryDir dir_;
    std::unique_ptr<Session> session_;
    std::unique_ptr<MainWindow> window_;
};

QTEST_MAIN(TestProbePage)
#include "tst_ProbePage.moc"
