#pragma once
#include <QObject>
#include <utility>
#include <vector>

namespace m2ds {

class AudioPlayer;

/// Plays stretches of the recording one after another (a cluster's segments): each from its start to its end, then
/// the next, then stops. Any other stop or play in between ends the playlist.
class SegmentPlaylist : public QObject {
    Q_OBJECT
public:
    explicit SegmentPlaylist(AudioPlayer& player, QObject* parent = nullptr);

    /// [start, end) seconds, in the order to play them; an empty list just stops.
    void play(std::vector<std::pair<double, double>> segments);
    /// True while the list plays.
    bool active() const { return next_ > 0 && next_ <= segments_.size(); }
    /// Stretches still to start.
    std::size_t remaining() const { return segments_.size() - std::min(next_, segments_.size()); }

private:
    void onPosition(double seconds);
    void startNext();

    AudioPlayer& player_;
    std::vector<std::pair<double, double>> segments_;
    std::size_t next_ = 0;
    bool advancing_ = false;
};

}  // namespace m2ds
