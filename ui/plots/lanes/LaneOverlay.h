#pragma once
#include <QString>

#include "plots/lanes/TimeWindow.h"
#include "views/RecordingData.h"

class QCPAxisRect;

namespace m2ds {

/// Something drawn over a lane, in the lane's own axes (the patch grid and the mask over the spectrogram, an
/// attention map). Added with LaneStack::addOverlay(); the stack draws it after its lane and adds what it says about a
/// clicked point to the lane's click description.
class LaneOverlay {
public:
    virtual ~LaneOverlay() = default;

    /// Creates the overlay's plottables in its lane's `rect`, above the lane's own; called once.
    virtual void attach(QCPAxisRect* rect) = 0;
    /// A new recording, or null; the overlay drops what it showed of the previous one.
    virtual void setRecording(const RecordingDataPtr& recording) = 0;
    /// Redraws what lies in `window`.
    virtual void draw(const TimeWindow& window) = 0;
    /// One line about what the overlay shows at (seconds, value), or empty.
    virtual QString describeAt(double seconds, double value) const = 0;
};

}  // namespace m2ds
