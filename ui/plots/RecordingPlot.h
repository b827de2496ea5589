#pragma once
#include <QWidget>
#include <memory>

#include "views/InspectionData.h"
#include "views/RecordingData.h"

class QCustomPlot;
class QCPAxisRect;
class QCPColorMap;
class QCPColorScale;
class QCPGraph;
class QCPItemStraightLine;
class QCPRange;
class QMouseEvent;

namespace m2ds {

class InspectionOverlay;

/// Waveform above the M2D log-mel spectrogram on one shared time axis (seconds). Wheel zooms, drag pans,
/// a click sets the play position. Only the visible range is drawn, reduced to one column per pixel.
class RecordingPlot : public QWidget {
    Q_OBJECT
public:
    explicit RecordingPlot(QWidget* parent = nullptr);
    ~RecordingPlot() override;

    /// Shows `data` over its whole length; null clears the plots.
    void setRecording(RecordingDataPtr data);
    RecordingDataPtr recording() const { return data_; }

    /// Visible time span in seconds.
    double visibleBegin() const;
    double visibleEnd() const;
    /// Shows [begin, end] seconds, kept inside the recording and at least 20 ms wide.
    void setVisibleRange(double begin, double end);
    /// factor > 1 zooms in around the view's centre, < 1 zooms out.
    void zoomBy(double factor);
    void zoomToFit();
    /// Moves the view by a fraction of its width (negative = earlier).
    void panBy(double fraction);
    /// Draws the play cursor at `seconds` and scrolls to keep it visible.
    void setPlayPosition(double seconds);
    double playPosition() const { return playPosition_; }

    /// Shows (or, with null, hides) the Inspect layers: patch grid, mask, per-patch loss, offline head output.
    void setInspection(InspectionDataPtr data);
    const InspectionDataPtr& inspection() const;

    /// What is drawn now, for tests and diagnostics.
    QCustomPlot* customPlot() const { return plot_; }
    int spectrogramColumns() const;
    int spectrogramRows() const;
    int waveformPoints() const;

signals:
    /// One line describing what is under the mouse: time, and frequency and level or amplitude.
    void readoutChanged(const QString& text);
    /// The user clicked (without dragging) at `seconds`.
    void positionClicked(double seconds);
    /// The visible time span changed (zoom, pan, new recording), seconds.
    void visibleRangeChanged(double begin, double end);
    /// The user clicked an inspected patch; one line with its numbers.
    void patchClicked(const QString& description);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void buildLayout();
    void onTimeRangeChanged(const QCPRange& range);
    void redrawVisible();
    void drawWaveform(double begin, double end, int columns);
    void drawSpectrogram(double begin, double end, int columns);
    void onMouseMove(QMouseEvent* event);
    void onMousePress(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);
    QString readoutAt(const QPointF& pixel) const;

    QCustomPlot* plot_;
    QCPAxisRect* waveRect_;
    QCPAxisRect* specRect_;
    QCPGraph* waveUpper_;
    QCPGraph* waveLower_;
    QCPColorMap* colorMap_;
    QCPColorScale* colorScale_;
    QCPItemStraightLine* waveCursor_;
    QCPItemStraightLine* specCursor_;
    RecordingDataPtr data_;
    std::unique_ptr<InspectionOverlay> overlay_;
    double playPosition_ = 0.0;
    QPoint pressPosition_;
    bool syncing_ = false;
};

}  // namespace m2ds
