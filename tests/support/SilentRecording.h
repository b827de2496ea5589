#pragma once
// A silent RecordingData of a given length for the lane and plot tests (header-only: the ui test targets link the
// app library that defines RecordingData; the core-only support library does not).
#include <QString>
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

}  // namespace m2ds::test
