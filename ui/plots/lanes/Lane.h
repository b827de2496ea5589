#pragma once
#include <QString>

#include "plots/lanes/TimeWindow.h"
#include "views/RecordingData.h"

class QCPAxisRect;
class QCPLayoutElement;

namespace m2ds {

/// One horizontal strip of the recording view (waveform, spectrogram, a cluster tier, a layer view), drawn in an axis
/// rect of its own that a LaneStack creates, lays out and keeps on the stack's one time axis (its bottom axis, seconds).
/// A lane only draws and answers questions; the stack does zoom, pan, the play cursor, clicks and the layout.
/// A new lane: implement this, give it its data through a setter of its own, add it with LaneStack::addLane().
class Lane {
public:
    virtual ~Lane() = default;

    /// Stable identifier (object name of the axis rect, lane menus), e.g. "spectrogram".
    virtual QString id() const = 0;
    /// What the user reads in the lane menus, e.g. "Spectrogram".
    virtual QString title() const = 0;
    /// Height relative to the other lanes.
    virtual double heightWeight() const { return 1.0; }
    /// Creates the lane's plottables in `rect`; called once, when the lane joins a stack.
    virtual void attach(QCPAxisRect* rect) = 0;
    /// A layout element shown right of the lane (a colour scale), or null; it must exist after attach().
    virtual QCPLayoutElement* sideElement() const { return nullptr; }
    /// A new recording, or null; the lane drops what it showed of the previous one.
    virtual void setRecording(const RecordingDataPtr& recording) = 0;
    /// False while the lane has nothing to show: the stack then leaves it out, keeping the user's show/hide choice.
    virtual bool hasContent() const { return true; }
    /// Redraws what lies in `window`.
    virtual void draw(const TimeWindow& window) = 0;
    /// One line about the point under the mouse (seconds, value on the lane's vertical axis); empty = the time alone.
    virtual QString readout(double seconds, double value) const = 0;
    /// One line about a click at (seconds, value), e.g. the patch there; empty when there is nothing to say.
    virtual QString describeClick(double seconds, double value) const {
        Q_UNUSED(seconds);
        Q_UNUSED(value);
        return {};
    }
};

}  // namespace m2ds
