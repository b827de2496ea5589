// The workbench window, offscreen: recordings open from the command-line path, drag and drop and shortcuts;
// plots hold data of the right shape; a bad file brings up the error dialog and the window stays usable.
#include <QListView>
#include <QMessageBox>
#include <QMimeData>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <sndfile.h>

#include "AudioFixtures.h"
#include "mainwindow/MainWindow.h"
#include "plots/RecordingPlot.h"
#include "session/Session.h"

using namespace m2ds;

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("m2ds-tests");
        QVERIFY(dir_.isValid());
    }
    void init() {
        session_ = std::make_unique<Session>();
        window_ = std::make_unique<MainWindow>(*session_);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    }
    void cleanup() {
        window_.reset();
        session_.reset();
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
