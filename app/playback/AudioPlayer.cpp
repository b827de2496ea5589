#include "playback/AudioPlayer.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QAudioSink>
#include <QMediaDevices>

#include "playback/SampleStreamDevice.h"

namespace m2ds {

AudioPlayer::AudioPlayer(QObject* parent) : QObject(parent) {
    ticker_.setInterval(33);
    connect(&ticker_, &QTimer::timeout, this, &AudioPlayer::onTick);
}

AudioPlayer::~AudioPlayer() { stop(); }

void AudioPlayer::setRecording(RecordingDataPtr data) {
    stop();
    data_ = std::move(data);
    stoppedAt_ = 0.0;
}

bool AudioPlayer::outputAvailable() const { return !QMediaDevices::defaultAudioOutput().isNull(); }

bool AudioPlayer::isPlaying() const { return sink_ != nullptr; }

void AudioPlayer::play(double seconds) {
    stop();
    if (!data_) return;
    const QAudioDevice device = QMediaDevices::defaultAudioOutput();
    if (device.isNull()) {
        emit errorOccurred(tr("No audio output device: playback is not available on this machine."));
        return;
    }
    QAudioFormat format;
    format.setSampleRate(data_->sampleRate);
    format.setChannelCount(1);
    format.setSampleFormat(QAudioFormat::Int16);
    if (!device.isFormatSupported(format)) {
        emit errorOccurred(tr("The audio output \"%1\" cannot play %2 Hz mono.").arg(device.description()).arg(data_->sampleRate));
        return;
    }
    startSeconds_ = std::clamp(seconds, 0.0, data_->durationSeconds());
    stream_ = std::make_unique<SampleStreamDevice>(data_, std::size_t(startSeconds_ * data_->sampleRate));
    stream_->open(QIODevice::ReadOnly);
    sink_ = std::make_unique<QAudioSink>(device, format);
    connect(sink_.get(), &QAudioSink::stateChanged, this, [this](QAudio::State state) {
        if (state == QAudio::IdleState) stop();  // reached the end
    });
    sink_->start(stream_.get());
    ticker_.start();
    emit playingChanged(true);
}

void AudioPlayer::stop() {
    if (!sink_) return;
    stoppedAt_ = positionSeconds();
    ticker_.stop();
    sink_->disconnect(this);
    sink_->stop();
    sink_.reset();
    stream_.reset();
    emit positionChanged(stoppedAt_);
    emit playingChanged(false);
}

double AudioPlayer::positionSeconds() const {
    if (!sink_) return stoppedAt_;
    return std::min(startSeconds_ + double(sink_->processedUSecs()) / 1e6, data_->durationSeconds());
}

void AudioPlayer::onTick() { emit positionChanged(positionSeconds()); }

}  // namespace m2ds
