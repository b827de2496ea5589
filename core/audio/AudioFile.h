#pragma once
#include <cstddef>
#include <memory>
#include <string>

#include "audio/AudioInfo.h"

typedef struct sf_private_tag SNDFILE;
struct SF_INFO;

namespace m2ds {

/// A recording opened through libsndfile (wav, flac, ogg/vorbis, opus, mp3, ...), read in blocks.
class AudioFile {
public:
    /// Opens path; throws InputError naming the file and why it cannot be read as audio.
    explicit AudioFile(const std::string& path);
    /// Opens a recording held in memory (a whole file's bytes, any format the path constructor reads), through
    /// libsndfile's virtual I/O; `label` stands for the file in errors and in info().path.
    AudioFile(const std::string& label, std::string bytes);
    ~AudioFile();
    AudioFile(const AudioFile&) = delete;
    AudioFile& operator=(const AudioFile&) = delete;

    const AudioInfo& info() const { return info_; }
    /// Reads up to `frames` frames as interleaved float32 (channels per frame, full scale ±1);
    /// returns the frames read, 0 at the end. Throws InputError on a decoding error.
    std::size_t read(float* interleaved, std::size_t frames);

private:
    struct MemoryBytes;
    /// Takes the handle sf_open gave for `label` (null when it failed, with libsndfile's `openError`) and checks what
    /// its header declares.
    void adopt(const std::string& label, SNDFILE* file, int openError, const SF_INFO& sfInfo);

    AudioInfo info_;
    std::unique_ptr<MemoryBytes> memory_;  ///< the bytes of an in-memory recording; null for a file
    SNDFILE* file_ = nullptr;
};

}  // namespace m2ds
