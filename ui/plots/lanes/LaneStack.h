#pragma once
#include <QStringList>
#include <QWidget>
#include <memory>
#include <vector>

#include "plots/lanes/Lane.h"
#include "plots/lanes/LaneOverlay.h"

class QCustomPlot;
class QCPAxisRect;
class QCPItemStraightLine;
class QCPMarginGroup;
class QCPRange;
class QMenu;
class QMouseEvent;

namespace m2ds {

/// Time-aligned lanes of one recording under one time axis (seconds), in one QCustomPlot. Wheel zooms and drag pans in
/// any lane and every lane follows; the view stays inside the recording and at least 20 ms wide; a click sets the play
/// cursor, drawn across all lanes. Lanes can be shown, hidden and reordered (lanesMenu(), or right-click a lane);
/// a lane without content is left out until it has some. Each redraw asks every shown lane for the visible range only,
/// at one column per pixel.
class LaneStack : public QWidget {
    Q_OBJECT
public:
    explicit LaneStack(QWidget* parent = nullptr);
    ~LaneStack() override;

    /// Adds `lane` below the others, shown; returns it (owned by the stack).
    Lane* addLane(std::unique_ptr<Lane> lane);
    /// Adds `overlay` over the lane `laneId` (which must exist); returns it (owned by the stack).
    LaneOverlay* addOverlay(const QString& laneId, std::unique_ptr<LaneOverlay> overlay);
    /// The user's choice to show or hide a lane; a lane without content stays out either way.
    void setLaneShown(const QString& laneId, bool shown);
    /// The user's choice for the lane (false for an unknown id).
    bool isLaneShown(const QString& laneId) const;
    /// Moves a lane to position `index` (0 = top), clamped to the lane count.
    void moveLane(const QString& laneId, int index);
    /// Every lane's id, top to bottom.
    QStringList laneOrder() const;
    /// The lanes on screen now (shown and with content), top to bottom.
    QStringList visibleLanes() const;
    /// The axis rect a lane draws in; null for an unknown id. It is in the layout only while the lane is visible.
    QCPAxisRect* laneRect(const QString& laneId) const;
    /// Fills `menu` with a check box per lane and, for `laneId` if given, Move Up / Move Down.
    void populateLaneMenu(QMenu* menu, const QString& laneId = {});
    /// Lays the lanes out again and redraws: call after a lane's content appeared or went.
    void refresh();

    /// Shows `recording` over its whole length in every lane; null clears them.
    void setRecording(RecordingDataPtr recording);
    /// The recording shown, or null.
    RecordingDataPtr recording() const { return recording_; }
    /// Visible time span in seconds.
    double visibleBegin() const { return begin_; }
    double visibleEnd() const { return end_; }
    /// Shows [begin, end] seconds, kept inside the recording and at least 20 ms wide.
    void setVisibleRange(double begin, double end);
    /// factor > 1 zooms in around the view's centre, < 1 zooms out.
    void zoomBy(double factor);
    /// Shows the whole recording.
    void zoomToFit();
    /// Moves the view by a fraction of its width (negative = earlier).
    void panBy(double fraction);
    /// Draws the play cursor at `seconds` in every lane and scrolls to keep it visible.
    void setPlayPosition(double seconds);
    double playPosition() const { return playPosition_; }
    /// The plot every lane draws in, for tests and diagnostics.
    QCustomPlot* customPlot() const { return plot_; }

signals:
    /// One line describing what is under the mouse, from the lane there.
    void readoutChanged(const QString& text);
    /// The user clicked (without dragging) at `seconds`.
    void positionClicked(double seconds);
    /// The visible time span changed (zoom, pan, new recording), seconds.
    void visibleRangeChanged(double begin, double end);
    /// A click in lane `laneId` that the lane or its overlays describe; one line.
    void laneClicked(const QString& laneId, const QString& description);
    /// A click (without dragging) in lane `laneId` at `seconds` and `value` on the lane's vertical axis.
    void pointClicked(const QString& laneId, double seconds, double value);
    /// Lanes were shown, hidden or reordered.
    void lanesChanged();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Entry {
        std::unique_ptr<Lane> lane;
        std::vector<std::unique_ptr<LaneOverlay>> overlays;
        QCPAxisRect* rect = nullptr;
        QCPItemStraightLine* cursor = nullptr;
        bool shown = true;
        bool onScreen() const { return shown && lane->hasContent(); }
    };
    Entry* find(const QString& laneId);
    const Entry* find(const QString& laneId) const;
    /// The lane on screen under `pixel`, or null.
    const Entry* entryAt(const QPointF& pixel) const;
    void relayout();
    void takeOutOfLayout(Entry& entry);
    void labelTimeAxes();
    void onTimeRangeChanged(const QCPRange& range);
    void redrawVisible();
    double duration() const;
    double secondsAt(double x) const;
    void onMouseMove(QMouseEvent* event);
    void onMousePress(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);
    void showContextMenu(const QPoint& position);

    QCustomPlot* plot_;
    QCPMarginGroup* margins_;
    std::vector<Entry> entries_;
    RecordingDataPtr recording_;
    double begin_ = 0.0;
    double end_ = 1.0;
    double playPosition_ = 0.0;
    QPoint pressPosition_;
    bool syncing_ = false;
};

}  // namespace m2ds
