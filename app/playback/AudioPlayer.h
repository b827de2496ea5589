#pragma once
#include <QObject>
#include <QTimer>
#include <memory>

#include "views/RecordingData.h"

class QAudioSink;

namespace m2ds {

class SampleStreamDevice;

/// Plays a recording (16 kHz mono, as analysed) on the default audio output and reports the play position.
class AudioPlayer : public QObject {
    Q_OBJECT
public:
    explicit AudioPlayer(QObject* parent = nullptr);
    ~AudioPlayer() override;

    /// Stops playback and switches to `data` (may be null).
    void setRecording(RecordingDataPtr data);
    /// False when there is no audio output device (e.g. a headless session); play() then reports an error.
    bool outputAvailable() const;
    bool isPlaying() const;
    /// Starts from `seconds` into the recording.
    void play(double seconds);
    /// Stops; the position stays where it was.
    void stop();
    /// Seconds into the recording; moves while playing.
    double positionSeconds() const;

signals:
    /// About 30 times a second while playing, and once after stop().
    void positionChanged(double seconds);
    void playingChanged(bool playing);
    void errorOccurred(const QString& message);

private:
    void onTick();

    RecordingDataPtr data_;
    std::unique_ptr<QAudioSink> sink_;
    std::unique_ptr<SampleStreamDevice> stream_;
    QTimer ticker_;
    double startSeconds_ = 0.0;
    double stoppedAt_ = 0.0;
};

}  // namespace m2ds
