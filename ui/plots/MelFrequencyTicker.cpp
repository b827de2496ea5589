#include "plots/MelFrequencyTicker.h"

namespace m2ds {

MelFrequencyTicker::MelFrequencyTicker(const std::vector<double>& melCentreHz) {
    static const double kTicksHz[] = {100, 250, 500, 1000, 2000, 4000, 8000};
    for (double hz : kTicksHz) {
        const double position = bandPosition(melCentreHz, hz);
        if (position < 0) continue;
        addTick(position, hz < 1000 ? QStringLiteral("%1 Hz").arg(hz) : QStringLiteral("%1 kHz").arg(hz / 1000));
    }
}

double MelFrequencyTicker::bandPosition(const std::vector<double>& melCentreHz, double hz) {
    for (std::size_t i = 0; i + 1 < melCentreHz.size(); ++i)
        if (hz >= melCentreHz[i] && hz <= melCentreHz[i + 1])
            return double(i) + (hz - melCentreHz[i]) / (melCentreHz[i + 1] - melCentreHz[i]);
    return -1.0;
}

}  // namespace m2ds
