#pragma once
#include <cstddef>
#include <string>

#include "audio/AudioInfo.h"

typedef struct sf_private_tag SNDFILE;

namespace m2ds {

/// A recording opened through libsndfile (wav, flac, ogg/vorbis, opus, mp3, ...), read in blocks.
class AudioFile {
public:
    /// Opens path; throws InputError naming the file and why it cannot be read as audio.
    explicit AudioFile(const std::string& path);
    ~AudioFile();
    AudioFile(const AudioFile&) = delete;
    AudioFile& operator=(const AudioFile&) = delete;

    const AudioInfo& info() const { return info_; }
    /// Reads up to `frames` frames as interleaved float32 (channels per frame, full scale ±1);
    /// returns the frames read, 0 at the end. Throws InputError on a decoding error.
    std::size_t read(float* interleaved, std::size_t frames);

private:
    AudioInfo info_;
    SNDFILE* file_ = nullptr;
};

}  // namespace m2ds
