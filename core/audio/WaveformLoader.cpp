#include "audio/WaveformLoader.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <sstream>

#include "audio/AudioFile.h"
#include "audio/Resampler.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"

namespace m2ds {
namespace {

// Samples per block, all channels together, so that a header declaring 1024 channels cannot make a 4 KB file take 256 MB.
constexpr std::size_t kBlockSamples = 1 << 16;
constexpr double kMaxReservedSamples = 1 << 24;  // about 17 minutes at 16 kHz

std::string secondsText(double seconds) {
    std::ostringstream text;
    text.precision(3);
    text << std::fixed << seconds << " s";
    return text.str();
}

/// Averages interleaved channels into mono, in place; checks every sample is finite.
void downmixChecked(const AudioFile& file, float* interleaved, std::size_t frames, std::int64_t firstFrame) {
    const int channels = file.info().channels;
    for (std::size_t i = 0; i < frames; ++i) {
        float sum = 0.0f;
        for (int c = 0; c < channels; ++c) {
            const float value = interleaved[i * channels + c];
            if (!std::isfinite(value))
                throw InputError(file.info().path, "contains a non-finite sample (NaN or infinity) at " +
                                                       secondsText(static_cast<double>(firstFrame + i) / file.info().sampleRate) +
                                                       ", channel " + std::to_string(c + 1));
            sum += value;
        }
        interleaved[i] = channels == 1 ? sum : sum / static_cast<float>(channels);
    }
}

}  // namespace

WaveformLoader::WaveformLoader(int targetRate) : targetRate_(targetRate) {}

Waveform WaveformLoader::load(const std::string& path, const ProgressMonitor* monitor) const {
    AudioFile file(path);
    return load(file, monitor);
}

Waveform WaveformLoader::load(AudioFile& file, const ProgressMonitor* monitor) const {
    const std::string& path = file.info().path;
    Waveform waveform;
    waveform.source = file.info();
    waveform.sampleRate = targetRate_;
    waveform.downmixed = file.info().channels > 1;
    waveform.resampled = file.info().sampleRate != targetRate_;
    std::unique_ptr<Resampler> resampler;
    if (waveform.resampled) resampler = std::make_unique<Resampler>(file.info().sampleRate, targetRate_);

    const double declared = static_cast<double>(std::max<std::int64_t>(file.info().frames, 0));
    // The declared length only sizes a first reservation: a hostile header may declare 2^63 frames.
    waveform.samples.reserve(static_cast<std::size_t>(std::min(declared * targetRate_ / file.info().sampleRate, kMaxReservedSamples)) + 1024);
    const std::size_t blockFrames = std::max<std::size_t>(1, kBlockSamples / static_cast<std::size_t>(file.info().channels));
    std::vector<float> block(blockFrames * file.info().channels);
    std::int64_t framesRead = 0;
    while (const std::size_t got = file.read(block.data(), blockFrames)) {
        downmixChecked(file, block.data(), got, framesRead);
        if (resampler)
            resampler->process(block.data(), got, waveform.samples);
        else
            waveform.samples.insert(waveform.samples.end(), block.begin(), block.begin() + static_cast<std::ptrdiff_t>(got));
        framesRead += static_cast<std::int64_t>(got);
        if (monitor && declared > 0) monitor->report(framesRead / declared);
    }
    if (resampler) resampler->finish(waveform.samples);
    if (framesRead == 0) throw InputError(path, "contains no audio samples");
    if (framesRead < file.info().frames)
        throw InputError(path, "truncated: the header declares " + std::to_string(file.info().frames) +
                                   " frames, only " + std::to_string(framesRead) + " could be decoded");
    waveform.source.frames = framesRead;
    if (monitor) monitor->report(1.0);
    return waveform;
}

}  // namespace m2ds
