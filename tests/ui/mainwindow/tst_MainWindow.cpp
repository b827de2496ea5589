// The workbench window, offscreen: recordings open from the command-line path, drag and drop and shortcuts;
// plots hold data of the right shape; a bad file brings up the error dialog and the window stays usable; the
// Inspect and Train pages switch, and a checkpoint offered by the Train page opens in Inspect.
#include <QDockWidget>
#include <QListView>
#include <QScreen>
#include <QScrollArea>
#include <QTabWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <sndfile.h>

#include "AudioFixtures.h"
#include "TestData.h"
#include "mainwindow/MainWindow.h"
#include "pages/ProbePage.h"
#include "pages/TrainPage.h"
#include "plots/RecordingPlot.h"
#include "plots/lanes/InspectionOverlay.h"
#include "widgets/ModelPanel.h"
#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <qcustomplot.h>
#include "jobs/ModelService.h"
#include "session/Session.h"

using namespace m2ds;

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        test::isolateSettings();
        QVERIFY(dir_.isValid());
    }
    void init() {
        session_ = std::make_unique<Session>(QString(M2DS_PRESETS_DIRECTORY));
        window_ = std::make_unique<MainWindow>(*session_);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    }
    void cleanup() {
        window_.reset();
        session_.reset();
    }

    // Most of the screen, never more than it unless the pages' own minimum needs it.
    void opensAtASizeThatFitsTheScreen() {
        const QRect available = window_->screen()->availableGeometry();
        const QSize limit = available.size().expandedTo(window_->minimumSizeHint());
        QVERIFY(window_->width() <= limit.width() && window_->height() <= limit.height());
        QVERIFY(window_->width() >= int(0.8 * available.width()) && window_->height() >= int(0.8 * available.height()));
    }

    void opensTheDemoRecordingIntoBothPlots() {
        window_->openFiles({M2DS_DEMO_RECORDING});
        RecordingPlot* plot = window_->recordingPlot();
        QTRY_VERIFY_WITH_TIMEOUT(plot->recording() != nullptr, 20000);
        const RecordingDataPtr data = plot->recording();
        QVERIFY(qAbs(data->durationSeconds() - 18.42) < 0.01);
        QCOMPARE(data->frameCount, std::size_t(1 + 294700 / 160));
        QCOMPARE(plot->spectrogramRows(), 80);
        QVERIFY(plot->spectrogramColumns() > 100 && plot->spectrogramColumns() <= plot->width());
        QVERIFY(plot->waveformPoints() > 100);
        QCOMPARE(plot->visibleEnd(), data->durationSeconds());
        QVERIFY(window_->windowTitle().startsWith("m2ds-demo.flac"));
    }

    void badFileShowsDialogAndWindowStaysUsable() {
        const QString bad = dir_.filePath("notes.wav");
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not audio");
        file.close();
        window_->openFiles({bad});
        QTRY_VERIFY_WITH_TIMEOUT(window_->loadErrorDialog() != nullptr, 20000);
        QMessageBox* dialog = window_->loadErrorDialog();
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->isModal());
        QVERIFY2(dialog->informativeText().contains(bad + ": not an audio file"), qPrintable(dialog->informativeText()));
        QCOMPARE(session_->recordings()->state(0), RecordingListModel::State::Failed);

        window_->openFiles({M2DS_DEMO_RECORDING});  // still works with the dialog open
        QTRY_VERIFY_WITH_TIMEOUT(window_->recordingPlot()->recording() != nullptr, 20000);
    }

    void dropOpensFilesAndShortcutsZoom() {
        const QString tone = dir_.filePath("dropped tone.ogg");
        QVERIFY(test::writeAudio(tone, SF_FORMAT_OGG | SF_FORMAT_VORBIS, 44100, 2, test::sine(660, 4.0, 44100, 2)));
        auto* mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(tone)});
        QDragEnterEvent enter(QPoint(300, 300), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window_.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(300, 300), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window_.get(), &drop);
        RecordingPlot* plot = window_->recordingPlot();
        QTRY_VERIFY_WITH_TIMEOUT(plot->recording() != nullptr, 20000);
        QCOMPARE(plot->recording()->path, tone);
        QVERIFY(qAbs(plot->visibleEnd() - 4.0) < 1e-3);
        QTest::keyClick(window_.get(), Qt::Key_Plus);
        QVERIFY(qAbs(plot->visibleEnd() - plot->visibleBegin() - 2.0) < 1e-3);
        QTest::keyClick(window_.get(), Qt::Key_Right);
        QTest::keyClick(window_.get(), Qt::Key_0);
        QVERIFY(qAbs(plot->visibleEnd() - 4.0) < 1e-3 && plot->visibleBegin() == 0.0);
        delete mime;
    }

    // The Inspect view on a real recording with the tiny official-layout checkpoint: mask, per-patch loss, offline head.
    void inspectShowsMaskLossesAndFollowsSeedAndRatio() {
        window_->openFiles({M2DS_DEMO_RECORDING, M2DS_TINY_CHECKPOINT});
        RecordingPlot* plot = window_->recordingPlot();
        QTRY_VERIFY_WITH_TIMEOUT(plot->inspection() != nullptr, 30000);
        InspectionDataPtr data = plot->inspection();
        QCOMPARE(data->tokensPerChunk(), 32);
        QVERIFY(data->chunkCount > 0 && data->chunkCount <= 24);
        const auto maskedIn = [](const InspectionData& d, int chunk) {
            return int(std::count(d.masked.begin() + chunk * 32, d.masked.begin() + (chunk + 1) * 32, 1));
        };
        QCOMPARE(maskedIn(*data, 0), 20);  // 32 - int(32 * 0.4)
        QVERIFY(data->hasLosses() && data->meanLoss > 0.0f && data->meanLoss < 4.0f);
        QCOMPARE(data->offlineDim, 40);
        QCOMPARE(data->offline.size(), std::size_t(data->chunkCount) * 32 * 40);
        auto* modelScroll = qobject_cast<QScrollArea*>(window_->modelPanel()->parentWidget()->parentWidget());
        QVERIFY(modelScroll);  // the Model dock's text wraps: nothing wider than the dock
        QVERIFY2(window_->modelPanel()->width() <= modelScroll->viewport()->width(),
                 qPrintable(QString("%1 > %2").arg(window_->modelPanel()->width()).arg(modelScroll->viewport()->width())));
        for (std::size_t i = 0; i < data->masked.size(); ++i) QCOMPARE(std::isnan(data->tokenLoss[i]), !data->masked[i]);

        auto* seed = window_->modelPanel()->findChild<QSpinBox*>("maskSeed");
        seed->setValue(5);
        QTRY_VERIFY_WITH_TIMEOUT(plot->inspection()->seed == 5u, 30000);
        QVERIFY(plot->inspection()->masked != data->masked);
        window_->modelPanel()->findChild<QDoubleSpinBox*>("maskRatio")->setValue(0.8);
        QTRY_VERIFY_WITH_TIMEOUT(qAbs(plot->inspection()->maskRatio - 0.8) < 1e-9, 30000);
        QCOMPARE(maskedIn(*plot->inspection(), 0), 26);  // 32 - int(32 * 0.2)

        plot->setVisibleRange(1.0, 2.0);  // zoomed in: the patch grid shows, the request follows the view
        QTRY_VERIFY_WITH_TIMEOUT(plot->inspection()->firstChunk == 1, 30000);
        QSignalSpy patch(plot, &LaneStack::laneClicked);
        QCustomPlot* custom = plot->customPlot();
        QTest::mouseClick(custom, Qt::LeftButton, {}, plot->laneRect("spectrogram")->rect().center());
        QCOMPARE(patch.count(), 1);
        QCOMPARE(patch.first().at(0).toString(), QString("spectrogram"));
        QVERIFY2(patch.first().at(1).toString().startsWith("Patch "), qPrintable(patch.first().at(1).toString()));
        QVERIFY(plot->inspectionOverlay()->hatchedCount() > 0);  // one second in view: masked patches are hatched
        QTRY_VERIFY_WITH_TIMEOUT(plot->visibleLanes().contains("target-readout"), 30000);  // once the readout is fitted
        QTRY_VERIFY_WITH_TIMEOUT(plot->visibleLanes().contains("layer-pca"), 30000);
        QStringList lanes = plot->visibleLanes();  // in the order the user left them (QSettings)
        lanes.sort();
        QCOMPARE(lanes, (QStringList{"layer-pca", "model-input", "offline", "patches", "reconstruction", "spectrogram", "target-readout",
                                     "waveform"}));
        if (!qEnvironmentVariableIsEmpty("M2DS_SCREENSHOT")) window_->grab().save(qEnvironmentVariable("M2DS_SCREENSHOT"));
    }

    void encoderOnlyWeightsShowTheMaskWithoutLosses() {
        window_->openFiles({M2DS_DEMO_RECORDING, QString(M2DS_TINY_CHECKPOINT).replace("checkpoint-3.pth", "encoder_only.pth")});
        QTRY_VERIFY_WITH_TIMEOUT(window_->recordingPlot()->inspection() != nullptr, 30000);
        const InspectionDataPtr data = window_->recordingPlot()->inspection();
        QVERIFY(!data->hasLosses());
        QCOMPARE(int(std::count(data->masked.begin(), data->masked.begin() + 32, 1)), 20);
        QCOMPARE(data->offlineDim, 0);
        QTRY_VERIFY_WITH_TIMEOUT(window_->recordingPlot()->visibleLanes().contains("layer-pca"), 30000);  // layers need no predictor
        QCOMPARE(window_->recordingPlot()->visibleLanes(), (QStringList{"waveform", "spectrogram", "patches", "layer-pca"}));
    }

    void badModelFileIsReported() {
        window_->openFiles({QString(M2DS_TINY_CHECKPOINT).replace("m2d_s_vit_tiny-80x64p80x2-231125/checkpoint-3.pth", "bad/hostile.pth")});
        QTRY_VERIFY_WITH_TIMEOUT(window_->loadErrorDialog() != nullptr, 30000);
        QVERIFY(window_->loadErrorDialog()->informativeText().contains("posix.system"));
    }

    // Inspect, Train and Probe are three pages; the Inspect docks and shortcuts belong to Inspect only, and a
    // checkpoint the Train page offers opens in Inspect.
    void pagesSwitchAndACheckpointOpensInInspect() {
        QTabWidget* pages = window_->pages();
        QCOMPARE(pages->count(), 3);
        QCOMPARE(pages->currentIndex(), 0);
        auto* recordingsDock = window_->findChild<QDockWidget*>("recordingsDock");
        QVERIFY(recordingsDock->isVisible());
        QTest::keyClick(window_.get(), Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(pages->currentWidget(), static_cast<QWidget*>(window_->probePage()));
        QVERIFY(!recordingsDock->isVisible());
        QTest::keyClick(window_.get(), Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(pages->currentWidget(), static_cast<QWidget*>(window_->trainPage()));
        QVERIFY(!recordingsDock->isVisible());
        QVERIFY(!window_->findChild<QDockWidget*>("modelDock")->isVisible());
        window_->openFiles({M2DS_DEMO_RECORDING});  // opening a recording shows it
        QCOMPARE(pages->currentIndex(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(window_->recordingPlot()->recording() != nullptr, 20000);
        pages->setCurrentIndex(1);
        const double visibleEnd = window_->recordingPlot()->visibleEnd();
        QTest::keyClick(window_.get(), Qt::Key_Plus);  // zooms only on Inspect
        QCOMPARE(window_->recordingPlot()->visibleEnd(), visibleEnd);

        emit window_->trainPage()->openCheckpointRequested(M2DS_TINY_CHECKPOINT);
        QCOMPARE(pages->currentIndex(), 0);
        QVERIFY(recordingsDock->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(session_->models()->model().has_value(), 30000);
        QCOMPARE(session_->models()->model()->path, QString(M2DS_TINY_CHECKPOINT));
    }

    // Which lanes show, and in which order, is remembered for the next window.
    void laneChoicesAreRemembered() {
        RecordingPlot* plot = window_->recordingPlot();
        const QStringList defaults = plot->laneOrder();
        const int last = int(defaults.size()) - 1;
        plot->setLaneShown("waveform", false);
        plot->moveLane("spectrogram", last);
        const QStringList order = plot->laneOrder();
        QCOMPARE(order.last(), QString("spectrogram"));
        window_ = std::make_unique<MainWindow>(*session_);
        QCOMPARE(window_->recordingPlot()->laneOrder(), order);
        QVERIFY(!window_->recordingPlot()->isLaneShown("waveform"));
        window_->recordingPlot()->setLaneShown("waveform", true);  // back to the defaults for the tests after this one
        for (const QString& lane : defaults) window_->recordingPlot()->moveLane(lane, last);
        QCOMPARE(window_->recordingPlot()->laneOrder(), defaults);
    }

    // A long recording loads on the worker thread: the event loop keeps turning while it does.
    void longRecordingLoadsWithoutBlockingTheEventLoop() {
        const QString longFile = dir_.filePath("five-minutes.wav");
        QVERIFY(test::writeAudio(longFile, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 44100, 1, test::sine(220, 300.0, 44100)));
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, [&] { ++ticks; });
        ticker.start(10);
        window_->openFiles({longFile});
        QVERIFY(window_->recordingPlot()->recording() == nullptr);  // returned at once, still loading
        QTRY_VERIFY_WITH_TIMEOUT(window_->recordingPlot()->recording() != nullptr, 120000);
        QVERIFY2(ticks >= 3, qPrintable(QString("event loop ran %1 timer ticks while loading").arg(ticks)));
        QVERIFY(qAbs(window_->recordingPlot()->recording()->durationSeconds() - 300.0) < 1e-3);
    }

private:
    QTemporaryDir dir_;
    std::unique_ptr<Session> session_;
    std::unique_ptr<MainWindow> window_;
};

QTEST_MAIN(TestMainWindow)
#include "tst_MainWindow.moc"
