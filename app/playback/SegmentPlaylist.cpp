#include "playback/SegmentPlaylist.h"

#include <algorithm>

#include "playback/AudioPlayer.h"

namespace m2ds {

SegmentPlaylist::SegmentPlaylist(AudioPlayer& player, QObject* parent) : QObject(parent), player_(player) {
    connect(&player_, &AudioPlayer::positionChanged, this, &SegmentPlaylist::onPosition);
    connect(&player_, &AudioPlayer::playingChanged, this, [this](bool playing) {
        if (!playing && !advancing_) segments_.clear(), next_ = 0;  // stopped by someone else
    });
}

void SegmentPlaylist::play(std::vector<std::pair<double, double>> segments) {
    segments_ = std::move(segments);
    next_ = 0;
    startNext();
}

void SegmentPlaylist::startNext() {
    advancing_ = true;
    if (next_ < segments_.size()) player_.play(segments_[next_++].first);
    else {
        player_.stop();
        segments_.clear();
        next_ = 0;
    }
    advancing_ = false;
}

void SegmentPlaylist::onPosition(double seconds) {
    if (active() && seconds >= segments_[next_ - 1].second) startNext();
}

}  // namespace m2ds
