#pragma once
// Synthetic RecordingData for the lane, plot and job tests (header-only: the ui and app test targets link the app
// library that defines RecordingData; the core-only support library does not).
#include <QString>
#include <cmath>
#include <memory>

#include "views/RecordingData.h"

namespace m2ds::test {

/// `seconds` of silence at 16 kHz with a 2-band log-mel of zeros (100 frames per second), summarised, at `path`.
inline RecordingDataPtr silentRecording(double seconds, const QString& path = {}) {
    auto data = std::make_shared<RecordingData>();
    data->path = path;
    data->samples.assign(std::size_t(seconds * 16000), 0.0f);
    data->melCount = 2;
    data->frameCount = 1 + data->samples.size() / 160;
    data->logMel.assign(2 * data->frameCount, 0.0f);
    data->summarise();
    return data;
}

/// `seconds` of silence whose 80-band log-mel (100 frames per second) is a sine ripple around -7 ln power, the kind
/// of input the tiny model's jobs run on; at "synthetic.wav".
inline RecordingDataPtr wavyRecording(double seconds) {
    auto data = std::make_shared<RecordingData>();
    data->path = QStringLiteral("synthetic.wav");
    data->samples.assign(std::size_t(seconds * 16000), 0.0f);
    data->melCount = 80;
    data->frameCount = 1 + data->samples.size() / 160;
    data->logMel.resize(80 * data->frameCount);
    for (std::size_t i = 0; i < data->logMel.size(); ++i) data->logMel[i] = float(std::sin(double(i) * 0.37) * 3.0 - 7.0);
    data->summarise();
    return data;
}

}  // namespace m2ds::test
