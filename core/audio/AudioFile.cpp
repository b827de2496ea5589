#include "audio/AudioFile.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <mutex>
#include <sndfile.h>
#include <system_error>

#include "common/Errors.h"

namespace m2ds {
namespace {

void checkIsReadableFile(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::file_status status = fs::status(fs::u8path(path), error);
    if (!fs::exists(status)) throw InputError(path, "no such file");
    if (fs::is_directory(status)) throw InputError(path, "is a directory, not an audio file");
    if (!fs::is_regular_file(status)) throw InputError(path, "is not a regular file");
    if (fs::file_size(fs::u8path(path), error) == 0) throw InputError(path, "is empty (0 bytes)");
}

constexpr int kMinSampleRate = 1000, kMaxSampleRate = 1000000;

/// Why sf_open failed, in our words: libsndfile's own texts for malformed headers read like internal errors
/// ("Internal error : SF_INFO struct incomplete.").
std::string openFailure(int code) {
    switch (code) {
    case SF_ERR_UNRECOGNISED_FORMAT: return "format not recognised";
    case SF_ERR_SYSTEM: return "the file cannot be read";
    case SF_ERR_MALFORMED_FILE: return "malformed or truncated file";
    case SF_ERR_UNSUPPORTED_ENCODING: return "unsupported encoding";
    default: return "inconsistent header, e.g. a sample rate or channel count of 0";
    }
}

/// Opens through `open` and reads why it failed (0 when it did not) under one lock: libsndfile keeps the failure of
/// an sf_open without a handle in one global, which any other thread's sf_open resets (a preparation's workers open
/// files concurrently; a broken file's reason then read "inconsistent header" now and then).
std::pair<SNDFILE*, int> openSerialised(const std::function<SNDFILE*()>& open) {
    static std::mutex mutex;
    std::lock_guard<std::mutex> lock(mutex);
    SNDFILE* file = open();
    return {file, file ? SF_ERR_NO_ERROR : sf_error(nullptr)};
}

std::string formatName(int format) {
    auto name = [](int command, int code) -> std::string {
        SF_FORMAT_INFO formatInfo{};
        formatInfo.format = code;
        return sf_command(nullptr, command, &formatInfo, sizeof formatInfo) == 0 && formatInfo.name ? formatInfo.name : "unknown";
    };
    return name(SFC_GET_FORMAT_INFO, format & SF_FORMAT_TYPEMASK) + ", " + name(SFC_GET_FORMAT_INFO, format & SF_FORMAT_SUBMASK);
}

/// libsndfile quietly shortens a WAV/AIFF whose data chunk runs past the end of the file; its log says
/// "data : 64000 (should be 39957)". Returns that line's two numbers, or {0, 0} when the file is whole.
std::pair<long long, long long> truncatedDataChunk(SNDFILE* file) {
    char log[8192] = {};
    sf_command(file, SFC_GET_LOG_INFO, log, sizeof log);
    const std::string text(log);
    for (std::size_t line = 0; line < text.size();) {
        const std::size_t end = std::min(text.find('\n', line), text.size());
        long long declared = 0, present = 0;
        if (std::sscanf(text.c_str() + line, "data : %lld (should be %lld)", &declared, &present) == 2 &&
            text.compare(line, 4, "data") == 0)
            return {declared, present};
        line = end + 1;
    }
    return {0, 0};
}

}  // namespace

/// The bytes of an in-memory recording, libsndfile's position in them and its virtual I/O over them (read only; like a
/// file, a position past the end reads nothing).
struct AudioFile::MemoryBytes {
    std::string bytes;
    sf_count_t position = 0;

    static SF_VIRTUAL_IO io() {
        SF_VIRTUAL_IO io{};
        io.get_filelen = [](void* self) { return static_cast<MemoryBytes*>(self)->size(); };
        io.seek = [](sf_count_t offset, int whence, void* self) {
            MemoryBytes& memory = *static_cast<MemoryBytes*>(self);
            const sf_count_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? memory.position : memory.size();
            if (offset < -base || offset > SF_COUNT_MAX - base) return sf_count_t{-1};
            return memory.position = base + offset;
        };
        io.read = [](void* out, sf_count_t count, void* self) {
            MemoryBytes& memory = *static_cast<MemoryBytes*>(self);
            const sf_count_t got = std::max<sf_count_t>(0, std::min(count, memory.size() - memory.position));
            if (got > 0) std::memcpy(out, memory.bytes.data() + memory.position, static_cast<std::size_t>(got));
            memory.position += got;
            return got;
        };
        io.write = [](const void*, sf_count_t, void*) { return sf_count_t{0}; };
        io.tell = [](void* self) { return static_cast<MemoryBytes*>(self)->position; };
        return io;
    }
    sf_count_t size() const { return static_cast<sf_count_t>(bytes.size()); }
};

AudioFile::AudioFile(const std::string& path) {
    checkIsReadableFile(path);
    SF_INFO sfInfo{};
    const auto [file, failure] = openSerialised([&] { return sf_open(path.c_str(), SFM_READ, &sfInfo); });
    adopt(path, file, failure, sfInfo);
}

AudioFile::AudioFile(const std::string& label, std::string bytes) : memory_(new MemoryBytes{std::move(bytes)}) {
    if (memory_->bytes.empty()) throw InputError(label, "is empty (0 bytes)");
    SF_INFO sfInfo{};
    SF_VIRTUAL_IO io = MemoryBytes::io();
    const auto [file, failure] = openSerialised([&] { return sf_open_virtual(&io, SFM_READ, &sfInfo, memory_.get()); });
    adopt(label, file, failure, sfInfo);
}

void AudioFile::adopt(const std::string& label, SNDFILE* file, int openError, const SF_INFO& sfInfo) {
    file_ = file;
    if (!file_) throw InputError(label, "not an audio file that can be decoded (" + openFailure(openError) + ")");
    info_.path = label;
    info_.format = formatName(sfInfo.format);
    info_.sampleRate = sfInfo.samplerate;
    info_.channels = sfInfo.channels;
    info_.frames = sfInfo.frames;
    std::string problem;
    if (info_.sampleRate <= 0 || info_.channels <= 0) problem = "header declares an invalid sample rate or channel count";
    else if (info_.sampleRate < kMinSampleRate || info_.sampleRate > kMaxSampleRate)
        problem = "header declares a sample rate of " + std::to_string(info_.sampleRate) + " Hz; recordings from " +
                  std::to_string(kMinSampleRate) + " Hz to " + std::to_string(kMaxSampleRate) + " Hz are accepted";
    else if ((sfInfo.format & SF_FORMAT_TYPEMASK) == SF_FORMAT_SDS)  // found by fuzz_audio: 100k lines from a 4 KB file
        problem = "is a MIDI Sample Dump, which is not read: libsndfile's decoder of it prints to the terminal";
    if (sfInfo.frames == SF_COUNT_MAX)  // libsndfile's answer for an Ogg stream whose last page is missing
        problem = "truncated or damaged: its length cannot be determined";
    const auto [declaredBytes, presentBytes] = truncatedDataChunk(file_);
    if (declaredBytes > presentBytes)
        problem = "truncated: the header declares " + std::to_string(declaredBytes) + " bytes of audio data, the file holds " +
                  std::to_string(presentBytes);
    if (!problem.empty()) {
        sf_close(file_);
        file_ = nullptr;
        throw InputError(label, problem);
    }
}

AudioFile::~AudioFile() {
    if (file_) sf_close(file_);
}

std::size_t AudioFile::read(float* interleaved, std::size_t frames) {
    const sf_count_t got = sf_readf_float(file_, interleaved, static_cast<sf_count_t>(frames));
    if (got < 0 || (got == 0 && sf_error(file_) != SF_ERR_NO_ERROR))
        throw InputError(info_.path, std::string("decoding failed (") + sf_strerror(file_) + ")");
    return static_cast<std::size_t>(got);
}

}  // namespace m2ds
