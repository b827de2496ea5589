#pragma once
// Synthetic recordings written with libsndfile, for decoder and GUI tests.
#include <QString>
#include <vector>

namespace m2ds::test {

/// A sine of `hz` at `amplitude`, `seconds` long, sampled at `rate`, identical on every channel, interleaved.
std::vector<float> sine(double hz, double seconds, int rate, int channels = 1, double amplitude = 0.5);
/// Writes interleaved float samples; sndfileFormat is e.g. SF_FORMAT_WAV | SF_FORMAT_PCM_16.
/// Returns false if libsndfile cannot write that format (e.g. MP3 without LAME support).
bool writeAudio(const QString& path, int sndfileFormat, int rate, int channels, const std::vector<float>& interleaved);

}  // namespace m2ds::test
