#pragma once
#include <QIODevice>

#include "views/RecordingData.h"

namespace m2ds {

/// A read-only stream of a recording's samples as 16-bit PCM, starting at a chosen sample, converted as
/// the audio sink pulls (no copy of the recording is made).
class SampleStreamDevice : public QIODevice {
    Q_OBJECT
public:
    /// firstSample: where playback starts, in samples of data->sampleRate.
    SampleStreamDevice(RecordingDataPtr data, std::size_t firstSample, QObject* parent = nullptr);

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    RecordingDataPtr data_;
    std::size_t next_;
};

}  // namespace m2ds
