#include "playback/SampleStreamDevice.h"

#include <algorithm>
#include <cmath>

namespace m2ds {

SampleStreamDevice::SampleStreamDevice(RecordingDataPtr data, std::size_t firstSample, QObject* parent)
    : QIODevice(parent), data_(std::move(data)), next_(std::min(firstSample, data_->samples.size())) {}

qint64 SampleStreamDevice::bytesAvailable() const {
    return qint64(data_->samples.size() - next_) * qint64(sizeof(qint16)) + QIODevice::bytesAvailable();
}

qint64 SampleStreamDevice::readData(char* data, qint64 maxSize) {
    const std::size_t count = std::min<std::size_t>(std::size_t(maxSize) / sizeof(qint16), data_->samples.size() - next_);
    auto* out = reinterpret_cast<qint16*>(data);
    for (std::size_t i = 0; i < count; ++i) {
        const float clipped = std::clamp(data_->samples[next_ + i], -1.0f, 1.0f);
        out[i] = static_cast<qint16>(std::lround(clipped * 32767.0f));
    }
    next_ += count;
    return qint64(count * sizeof(qint16));
}

}  // namespace m2ds
