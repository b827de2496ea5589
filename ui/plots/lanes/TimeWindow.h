#pragma once

namespace m2ds {

/// The visible part of a LaneStack's time axis and the pixel columns it spans.
struct TimeWindow {
    double begin = 0.0;  ///< seconds
    double end = 1.0;    ///< seconds
    int columns = 16;    ///< pixels across: a lane draws at most one value per column
};

}  // namespace m2ds
