#include "AudioFixtures.h"

#include <cmath>
#include <sndfile.h>

namespace m2ds::test {

std::vector<float> sine(double hz, double seconds, int rate, int channels, double amplitude) {
    const auto frames = static_cast<std::size_t>(std::llround(seconds * rate));
    std::vector<float> samples(frames * channels);
    for (std::size_t i = 0; i < frames; ++i)
        for (int c = 0; c < channels; ++c)
            samples[i * channels + c] = static_cast<float>(amplitude * std::sin(2.0 * M_PI * hz * i / rate));
    return samples;
}

bool writeAudio(const QString& path, int sndfileFormat, int rate, int channels, const std::vector<float>& interleaved) {
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = sndfileFormat;
    if (!sf_format_check(&info)) return false;
    SNDFILE* file = sf_open(path.toUtf8().constData(), SFM_WRITE, &info);
    if (!file) return false;
    const sf_count_t frames = static_cast<sf_count_t>(interleaved.size() / channels);
    const bool complete = sf_writef_float(file, interleaved.data(), frames) == frames;
    return sf_close(file) == 0 && complete;
}

}  // namespace m2ds::test
