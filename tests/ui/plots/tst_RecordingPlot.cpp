// The waveform + spectrogram view draws at screen resolution, keeps the view inside the recording,
// and reads out what is under the mouse.
#include <QSignalSpy>
#include <QtTest>
#include <cmath>
#include <qcustomplot.h>

#include "plots/MelFrequencyTicker.h"
#include "plots/RecordingPlot.h"
#include "plots/lanes/InspectionOverlay.h"
#include "plots/lanes/OfflineHeadLane.h"
#include "plots/lanes/PatchLossLane.h"

using namespace m2ds;

namespace {

RecordingDataPtr syntheticRecording(double seconds) {
    auto data = std::make_shared<RecordingData>();
    data->path = "synthetic.wav";
    data->samples.resize(std::size_t(seconds * 16000));
    for (std::size_t i = 0; i < data->samples.size(); ++i) data->samples[i] = float(0.5 * std::sin(i * 0.05));
    data->melCount = 80;
    data->frameCount = 1 + data->samples.size() / 160;
    data->logMel.resize(80 * data->frameCount);
    for (std::size_t i = 0; i < data->logMel.size(); ++i) data->logMel[i] = float(i % 80) * 0.1f - 8.0f;
    for (int mel = 0; mel < 80; ++mel) data->melCentreHz.push_back(60.0 + mel * 98.0);
    data->summarise();
    return data;
}

/// Tiny-model geometry (1 x 32 patches of 80 x 2 frames, 64-frame inputs) over the first `chunks` inputs; every
/// other patch masked with loss 0.1 · column; an 8-dimensional offline head output.
InspectionDataPtr syntheticInspection(const RecordingData& recording, int chunks, bool withLosses) {
    auto data = std::make_shared<InspectionData>();
    data->chunkCount = chunks;
    data->gridCols = 32;
    data->inputFrames = 64;
    data->recordingFrames = recording.frameCount;
    data->masked.resize(std::size_t(chunks) * 32);
    data->tokenLoss.assign(data->masked.size(), std::nanf(""));
    for (std::size_t i = 0; i < data->masked.size(); ++i) {
        data->masked[i] = char(i % 2);
        if (withLosses && data->masked[i]) data->tokenLoss[i] = 0.1f * float(i % 32);
    }
    if (withLosses) data->meanLoss = 1.6f;
    data->offlineDim = withLosses ? 8 : 0;
    data->offline.assign(data->masked.size() * std::size_t(data->offlineDim), 0.5f);
    return data;
}

}  // namespace

class TestRecordingPlot : public QObject {
    Q_OBJECT
private slots:
    void init() {
        plot_ = std::make_unique<RecordingPlot>();
        plot_->resize(1000, 600);
        plot_->show();
        QVERIFY(QTest::qWaitForWindowExposed(plot_.get()));
    }
    void cleanup() { plot_.reset(); }

    void showsWholeRecordingAtScreenResolution() {
        plot_->setRecording(syntheticRecording(60.0));
        QCOMPARE(plot_->visibleBegin(), 0.0);
        QCOMPARE(plot_->visibleEnd(), 60.0);
        QCOMPARE(plot_->spectrogramRows(), 80);
        QVERIFY(plot_->spectrogramColumns() > 100);
        QVERIFY(plot_->spectrogramColumns() <= plot_->width());
        QVERIFY(plot_->waveformPoints() > 100 && plot_->waveformPoints() <= plot_->width());
    }

    void hourLongRecordingStillDrawsOneColumnPerPixel() {
        plot_->setRecording(syntheticRecording(3600.0));
        QVERIFY(plot_->spectrogramColumns() <= plot_->width());
        plot_->zoomBy(100.0);
        QVERIFY(qAbs((plot_->visibleEnd() - plot_->visibleBegin()) - 36.0) < 1e-6);
        QVERIFY(plot_->spectrogramColumns() <= plot_->width());
    }

    void zoomAndPanStayInsideTheRecording() {
        plot_->setRecording(syntheticRecording(60.0));
        plot_->zoomBy(2.0);
        QVERIFY(qAbs(plot_->visibleBegin() - 15.0) < 1e-9 && qAbs(plot_->visibleEnd() - 45.0) < 1e-9);
        plot_->panBy(10.0);
        QVERIFY(qAbs(plot_->visibleEnd() - 60.0) < 1e-9 && qAbs(plot_->visibleBegin() - 30.0) < 1e-9);
        plot_->setVisibleRange(-10.0, 1e6);
        QCOMPARE(plot_->visibleBegin(), 0.0);
        QCOMPARE(plot_->visibleEnd(), 60.0);
        plot_->setVisibleRange(10.0, 10.0001);  // narrower than 20 ms widens to 20 ms
        QVERIFY(qAbs((plot_->visibleEnd() - plot_->visibleBegin()) - 0.02) < 1e-9);
        // 20 ms = 320 samples < 2 per column: the samples themselves are drawn.
        QVERIFY(plot_->waveformPoints() >= 320 && plot_->waveformPoints() <= 322);
        QVERIFY(plot_->spectrogramColumns() <= 4);
    }

    void readoutAndClickReportTimeAndFrequency() {
        plot_->setRecording(syntheticRecording(10.0));
        QSignalSpy readout(plot_.get(), &RecordingPlot::readoutChanged);
        QSignalSpy clicked(plot_.get(), &RecordingPlot::positionClicked);
        QCustomPlot* custom = plot_->customPlot();
        QCPAxisRect* spectrogram = plot_->laneRect("spectrogram");
        const QPoint inside = spectrogram->rect().center();
        QTest::mouseMove(custom, inside);
        QTRY_VERIFY(!readout.isEmpty());
        const QString text = readout.last().first().toString();
        QVERIFY2(text.contains(" s (frame ") && text.contains(" Hz") && text.contains(" dB"), qPrintable(text));
        QTest::mouseClick(custom, Qt::LeftButton, {}, inside);
        QCOMPARE(clicked.count(), 1);
        QVERIFY(qAbs(clicked.first().first().toDouble() - 5.0) < 0.1);
        QCOMPARE(plot_->playPosition(), clicked.first().first().toDouble());
    }

    // Each Inspect lane appears with data of the right shape, and goes again without it.
    void inspectLanesAppearWithTheirData() {
        const RecordingDataPtr recording = syntheticRecording(10.0);  // 1001 frames: 16 inputs of 64
        plot_->setRecording(recording);
        QCOMPARE(plot_->visibleLanes(), (QStringList{"waveform", "spectrogram"}));
        plot_->setInspection(syntheticInspection(*recording, 16, true));
        QCOMPARE(plot_->visibleLanes(), (QStringList{"waveform", "spectrogram", "patches", "offline"}));
        QCOMPARE(plot_->patchLossLane()->columnCount(), 16 * 32);
        QCOMPARE(plot_->patchLossLane()->rowCount(), 2);  // one patch row, doubled for QCustomPlot
        QCOMPARE(plot_->offlineHeadLane()->columnCount(), 16 * 32);
        QCOMPARE(plot_->offlineHeadLane()->rowCount(), 8);
        QCOMPARE(plot_->inspectionOverlay()->hatchedCount(), 0);  // 500 patches across: too fine to hatch
        plot_->setVisibleRange(1.0, 1.5);                          // 25 patches: the masked ones are hatched
        const int hatched = plot_->inspectionOverlay()->hatchedCount();
        QVERIFY2(hatched >= 12 && hatched <= 14, qPrintable(QString::number(hatched)));
        plot_->setInspection(syntheticInspection(*recording, 16, false));  // encoder only: mask, no loss, no head
        QCOMPARE(plot_->visibleLanes(), (QStringList{"waveform", "spectrogram", "patches"}));
        plot_->setInspection(nullptr);
        QCOMPARE(plot_->visibleLanes(), (QStringList{"waveform", "spectrogram"}));
    }

    // A click in the patch strip describes the patch; zoom and pan keep the strip aligned with the spectrogram.
    void patchStripIsDescribedAndStaysAligned() {
        const RecordingDataPtr recording = syntheticRecording(10.0);
        plot_->setRecording(recording);
        plot_->setInspection(syntheticInspection(*recording, 16, true));
        plot_->setVisibleRange(2.0, 4.0);
        QSignalSpy clicked(plot_.get(), &LaneStack::laneClicked);
        QCustomPlot* custom = plot_->customPlot();
        QTest::mouseClick(custom, Qt::LeftButton, {}, plot_->laneRect("patches")->rect().center());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().at(0).toString(), QString("patches"));
        QVERIFY2(clicked.first().at(1).toString().startsWith("Patch "), qPrintable(clicked.first().at(1).toString()));
        for (const QString& lane : plot_->visibleLanes()) {
            const QCPRange range = plot_->laneRect(lane)->axis(QCPAxis::atBottom)->range();
            QCOMPARE(range.lower, plot_->visibleBegin());
            QCOMPARE(range.upper, plot_->visibleEnd());
        }
        const QPoint start = plot_->laneRect("offline")->rect().center();  // a drag in the lowest lane moves them all
        for (const auto& [type, offset, buttons] : {std::tuple{QEvent::MouseButtonPress, 0, Qt::LeftButton}, std::tuple{QEvent::MouseMove, -150, Qt::LeftButton},
                                                    std::tuple{QEvent::MouseButtonRelease, -150, Qt::NoButton}}) {
            QMouseEvent event(type, QPointF(start + QPoint(offset, 0)), custom->mapToGlobal(QPointF(start + QPoint(offset, 0))), Qt::LeftButton,
                              buttons, Qt::NoModifier);
            QApplication::sendEvent(custom, &event);
        }
        QVERIFY(plot_->visibleBegin() > 2.2 && qAbs(plot_->visibleEnd() - plot_->visibleBegin() - 2.0) < 1e-9);
        for (const QString& lane : plot_->visibleLanes()) {  // the same pixel for the same time in every lane
            const QRect rect = plot_->laneRect(lane)->rect(), spectrogram = plot_->laneRect("spectrogram")->rect();
            QCOMPARE(rect.left(), spectrogram.left());
            QCOMPARE(rect.right(), spectrogram.right());
        }
    }

    void melTickerPlacesHertzLabelsBetweenBandCentres() {
        const std::vector<double> centres{100, 200, 400, 800};
        QCOMPARE(MelFrequencyTicker::bandPosition(centres, 300), 1.5);
        QCOMPARE(MelFrequencyTicker::bandPosition(centres, 50), -1.0);
        MelFrequencyTicker ticker(centres);
        QCOMPARE(ticker.ticks().keys(), (QList<double>{0.0, 1.25, 2.25}));
        QCOMPARE(ticker.ticks().value(2.25), QString("500 Hz"));
    }

private:
    std::unique_ptr<RecordingPlot> plot_;
};

QTEST_MAIN(TestRecordingPlot)
#include "tst_RecordingPlot.moc"
