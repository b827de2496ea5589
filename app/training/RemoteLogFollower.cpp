#include "training/RemoteLogFollower.h"

#include <QPointer>

namespace m2ds {

RemoteLogFollower::RemoteLogFollower(RemoteFileSource* source, QString path, QObject* parent, qint64 maxBytesPerRead)
    : QObject(parent), source_(source), path_(std::move(path)), maxBytes_(maxBytesPerRead) {
    connect(&timer_, &QTimer::timeout, this, &RemoteLogFollower::poll);
}

void RemoteLogFollower::start(qint64 fromOffset, int intervalMs) {
    ++generation_;
    inFlight_ = false;
    offset_ = fromOffset;
    partial_.clear();
    fileId_.clear();
    parser_.restart();
    atEnd_ = false;
    timer_.start(intervalMs);
    poll();
}

void RemoteLogFollower::stop() {
    ++generation_;
    inFlight_ = false;
    timer_.stop();
}

void RemoteLogFollower::poll() {
    if (inFlight_) return;
    inFlight_ = true;
    const int generation = generation_;
    QPointer<RemoteLogFollower> self(this);
    source_->read(path_, offset_, maxBytes_, [self, generation](const RemoteChunk& chunk) {
        if (!self || generation != self->generation_) return;  // gone, stopped or restarted meanwhile
        self->inFlight_ = false;
        self->onChunk(chunk);
    });
}

void RemoteLogFollower::onChunk(const RemoteChunk& chunk) {
    if (!chunk.ok) {
        ++failedReads_;
        if (!lost_) emit connectionLost(chunk.error);
        lost_ = true;
        return;  // the same offset is asked again at the next poll
    }
    if (lost_) {
        lost_ = false;
        emit connectionRestored();
    }
    if (!chunk.exists) return;  // not written yet
    const bool replaced = !fileId_.isEmpty() && chunk.fileId != fileId_;
    fileId_ = chunk.fileId;
    if (replaced || chunk.size < offset_) {
        restartLog();
        return;
    }
    QByteArray data = partial_ + chunk.bytes;
    offset_ += chunk.bytes.size();
    const qsizetype complete = data.lastIndexOf('\n') + 1;
    partial_ = data.mid(complete);
    TrainingLogBatch batch;
    parser_.parseLines(data.left(complete), batch);
    atEnd_ = offset_ >= chunk.size;
    if (!batch.isEmpty()) emit recordsRead(batch);
    if (!atEnd_ && timer_.isActive()) QTimer::singleShot(0, this, &RemoteLogFollower::poll);  // catch up
}

void RemoteLogFollower::restartLog() {
    offset_ = 0;
    partial_.clear();
    parser_.restart();
    emit restarted();
    if (timer_.isActive()) QTimer::singleShot(0, this, &RemoteLogFollower::poll);
}

}  // namespace m2ds
