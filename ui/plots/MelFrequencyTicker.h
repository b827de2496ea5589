#pragma once
#include <qcustomplot.h>
#include <vector>

namespace m2ds {

/// Ticks for a mel-bin axis labelled in Hz (100 Hz, 250 Hz, 500 Hz, 1 kHz, ... up to the top band).
class MelFrequencyTicker : public QCPAxisTickerText {
public:
    /// melCentreHz: centre frequency of each mel band (ascending); ticks sit at fractional band positions.
    explicit MelFrequencyTicker(const std::vector<double>& melCentreHz);
    /// Fractional band index where `hz` lies (linear between band centres), or -1 outside the bands.
    static double bandPosition(const std::vector<double>& melCentreHz, double hz);
};

}  // namespace m2ds
