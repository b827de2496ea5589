// Fuzz target: a recording's bytes through libsndfile's virtual I/O (AudioFile) and WaveformLoader (down-mix,
// resampling to 16 kHz, the non-finite-sample and truncation checks) — what opening any audio file does.
#include "FuzzInput.h"
#include "audio/AudioFile.h"
#include "audio/WaveformLoader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    m2ds::fuzz::expectInputError([&] {
        m2ds::AudioFile file(m2ds::fuzz::kLabel, m2ds::fuzz::bytes(data, size));
        m2ds::WaveformLoader().load(file);
    });
    return 0;
}
